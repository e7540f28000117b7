"""One participant of the exchange, as a Python vendor would write it: send, reply, fetch, open,
acknowledge and read the trail, with the contract's generated stubs and openssl for the seal.

It follows the same rules as the .NET SDK, read from the same contract: the envelope type comes
from the bericht's (skn.v1.bericht) option, an answer names the request in in_reply_to and stays in
its dossier, and a received bericht is handed over only when its signature is the sender's (per the
directory) and its signed header repeats the envelope it came in.
"""

import ssl
import uuid
from dataclasses import dataclass

from skn.v1 import content_pb2, directory_service_pb2, directory_service_pb2_grpc
from skn.v1 import envelope_pb2, exchange_service_pb2, exchange_service_pb2_grpc

from . import cms, rules
from .channel import Node

# The version of the bericht definitions this vendor writes ("Versie" in the real header).
DEFINITION_VERSION = "1.0"

# Every unary call has a ceiling, so a node that stops answering fails the caller instead of hanging it.
CALL_TIMEOUT_SECONDS = 15.0


class OpenError(Exception):
    """A received bericht that must not be handed over: its signed header disagrees with its envelope."""


@dataclass
class Received:
    """An opened bericht: the envelope's metadata, the signed content and the bericht itself."""

    envelope: envelope_pb2.Envelope
    content: content_pb2.Content
    rule: rules.Rule
    delivery_token: str

    @property
    def bericht(self):
        return getattr(self.content, self.rule.content_field)


class Participant:
    """A connection to the node as one participant (its OIN names its development certificate)."""

    def __init__(self, node: Node, oin: str):
        self.node = node
        self.oin = oin
        self._channel = node.channel(oin)
        self.exchange = exchange_service_pb2_grpc.ExchangeServiceStub(self._channel)
        self.directory = directory_service_pb2_grpc.DirectoryServiceStub(self._channel)

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "Participant":
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def participant(self, oin: str) -> directory_service_pb2.Participant:
        request = directory_service_pb2.GetParticipantRequest(oin=oin)
        return self.directory.GetParticipant(request, timeout=CALL_TIMEOUT_SECONDS).participant

    def certificates(self, oin: str, use: int) -> list[str]:
        """The participant's certificates for `use` (a CertificateUse) from the directory, as PEM text."""
        return [ssl.DER_cert_to_PEM_cert(c.der) for c in self.participant(oin).certificates if use in c.uses]

    def send(self, recipient_oin: str, bericht, conversation_id: str = "", in_reply_to: str = "",
             request_id: str = "") -> envelope_pb2.Envelope:
        """Seals `bericht` for the recipient and sends it; returns the envelope as the node stored it."""
        rule = rules.of(bericht)
        conversation_id = _conversation_for(rule, conversation_id, in_reply_to)
        envelope = envelope_pb2.Envelope(
            message_id=str(uuid.uuid4()),
            type=rule.type,
            recipient_oin=recipient_oin,
            conversation_id=conversation_id,
            in_reply_to=in_reply_to,
            definition_version=DEFINITION_VERSION,
            request_id=request_id or uuid.uuid4().hex,
        )
        # The header repeats the envelope inside the signature, so the recipient can tell that the
        # sealed body was not moved under another envelope. sender_oin is output-only on the
        # envelope (the node takes it from our certificate), but the signed header must name us.
        header = content_pb2.ContentHeader(
            message_id=envelope.message_id,
            type=envelope.type,
            sender_oin=self.oin,
            recipient_oin=recipient_oin,
            conversation_id=conversation_id,
            in_reply_to=in_reply_to,
            definition_version=DEFINITION_VERSION,
        )
        content = content_pb2.Content(header=header)
        getattr(content, rule.content_field).CopyFrom(bericht)

        recipients = self.certificates(recipient_oin, directory_service_pb2.CERTIFICATE_USE_ENCRYPTION)
        envelope.sealed_content = cms.seal(
            content.SerializeToString(), self.node.certificate(self.oin), self.node.key(self.oin), recipients)
        request = exchange_service_pb2.SendRequest(envelope=envelope)
        return self.exchange.Send(request, timeout=CALL_TIMEOUT_SECONDS).envelope

    def reply(self, request: Received, answer) -> envelope_pb2.Envelope:
        """Answers a received request: to its sender, in its dossier, naming it in in_reply_to."""
        answer_rule = rules.of(answer)
        if request.rule.type not in answer_rule.answers:
            raise ValueError(f"{answer_rule.message.name} does not answer {request.rule.message.name}")
        # As the .NET SDK does: one idempotency key per request and answer type, so a retried reply
        # (after a timeout, say) is stored once.
        request_id = f"re-{request.envelope.message_id}-{answer_rule.type}"
        return self.send(request.envelope.sender_oin, answer, conversation_id=request.envelope.conversation_id,
                         in_reply_to=request.envelope.message_id, request_id=request_id)

    def fetch(self, timeout: float = 30.0, **request_fields):
        """Opens a FetchPending stream (an iterator of FetchPendingResponse with .cancel())."""
        request = exchange_service_pb2.FetchPendingRequest(**request_fields)
        return self.exchange.FetchPending(request, timeout=timeout)

    def open(self, delivery: exchange_service_pb2.Delivery) -> Received:
        """Opens a delivery: decrypts it with our key, checks the sender's signature and the header."""
        envelope = delivery.envelope
        senders = self.certificates(envelope.sender_oin, directory_service_pb2.CERTIFICATE_USE_SIGNING)
        plain = cms.open_sealed(bytes(envelope.sealed_content), self.node.certificate(self.oin), self.node.key(self.oin),
                                senders, self.node.ca_certificate)
        content = content_pb2.Content.FromString(plain)
        problems = header_mismatches(content, envelope)
        if problems:
            raise OpenError(f"{envelope.message_id}: " + "; ".join(problems))
        metadata = envelope_pb2.Envelope()
        metadata.CopyFrom(envelope)
        metadata.ClearField("sealed_content")
        return Received(metadata, content, rules.ALL[envelope.type], delivery.delivery_token)

    def acknowledge(self, *delivery_tokens: str) -> list[exchange_service_pb2.AcknowledgeResult]:
        request = exchange_service_pb2.AcknowledgeRequest(delivery_tokens=delivery_tokens)
        return list(self.exchange.Acknowledge(request, timeout=CALL_TIMEOUT_SECONDS).results)

    def trail(self, **filters) -> list[exchange_service_pb2.TrailEntry]:
        request = exchange_service_pb2.ListTrailRequest(**filters)
        return list(self.exchange.ListTrail(request, timeout=CALL_TIMEOUT_SECONDS).entries)


def _conversation_for(rule: rules.Rule, conversation_id: str, in_reply_to: str) -> str:
    """The dossier of a new bericht, by its rule: answers may leave it to the node, openers start one."""
    if conversation_id:
        return conversation_id
    if rule.is_answer:
        if not in_reply_to:
            raise ValueError(f"{rule.message.name} is an answer: name the request in in_reply_to")
        return ""  # the node takes the dossier of the answered envelope
    if rule.starts_conversation:
        return str(uuid.uuid4())
    raise ValueError(f"{rule.message.name} is a notice within a dossier: give its conversation_id")


def header_mismatches(content: content_pb2.Content, envelope: envelope_pb2.Envelope) -> list[str]:
    """Every way the signed header and bericht disagree with the envelope they arrived in."""
    if not content.HasField("header"):
        return ["the signed content has no header"]
    header = content.header
    problems = [f"header.{field} is signed as {getattr(header, field)!r} but the envelope says {getattr(envelope, field)!r}"
                for field in ("message_id", "type", "sender_oin", "recipient_oin", "in_reply_to")
                if getattr(header, field) != getattr(envelope, field)]
    # An answer may leave its dossier to the node, which fills it in from the answered envelope.
    if not (header.conversation_id == "" and envelope.in_reply_to) and header.conversation_id != envelope.conversation_id:
        problems.append(f"header.conversation_id is signed as {header.conversation_id!r} but the envelope says {envelope.conversation_id!r}")
    case = content.WhichOneof("bericht")
    rule = rules.ALL.get(header.type)
    if case is None:
        problems.append("the signed content holds no bericht")
    elif rule is None:
        problems.append(f"header.type {header.type} is no bericht type this contract knows")
    elif rule.content_field != case:
        problems.append(f"the bericht is a {case} but the header says {rules.type_name(header.type)}")
    return problems
