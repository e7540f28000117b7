"""The protocol rules, read from the contract's descriptors.

Every bericht message in skn/v1/berichten.proto carries the custom option (skn.v1.bericht), a
BerichtRule: its envelope type, the role that sends it, the types it answers, whether it may open a
dossier and the answer term. The node and the .NET SDK read the same option; a vendor in any language
reads it from its own generated descriptors, so nobody copies a table by hand.
"""

from dataclasses import dataclass

from google.protobuf import descriptor as _descriptor
from skn.v1 import bericht_type_pb2, berichten_pb2, content_pb2, role_pb2, rules_pb2


@dataclass(frozen=True)
class Rule:
    """The BerichtRule of one bericht message, with the message and its case in Content."""

    message: _descriptor.Descriptor
    content_field: str
    type: int
    sender_role: int
    answers: tuple[int, ...]
    starts_conversation: bool
    reply_due_working_days: int

    @property
    def is_answer(self) -> bool:
        return len(self.answers) > 0

    @property
    def recipient_role(self) -> int:
        # Two roles: whatever one sends, the other receives.
        return role_pb2.ROLE_SE if self.sender_role == role_pb2.ROLE_SHV else role_pb2.ROLE_SHV


def _content_fields() -> dict[str, str]:
    """Message full name -> the Content.bericht oneof case that carries it."""
    oneof = content_pb2.Content.DESCRIPTOR.oneofs_by_name["bericht"]
    return {field.message_type.full_name: field.name for field in oneof.fields}


def _read_all() -> dict[int, Rule]:
    cases = _content_fields()
    rules: dict[int, Rule] = {}
    for message in berichten_pb2.DESCRIPTOR.message_types_by_name.values():
        options = message.GetOptions()
        if not options.HasExtension(rules_pb2.bericht):
            continue  # a building block, not a bericht
        option = options.Extensions[rules_pb2.bericht]
        if option.type in rules:
            raise ValueError(f"{message.full_name} and {rules[option.type].message.full_name} both claim type {option.type}")
        rules[option.type] = Rule(
            message=message,
            content_field=cases[message.full_name],
            type=option.type,
            sender_role=option.sender_role,
            answers=tuple(option.answers),
            starts_conversation=option.starts_conversation,
            reply_due_working_days=option.reply_due_working_days,
        )
    return rules


ALL: dict[int, Rule] = _read_all()
"""Every bericht's rule, by BerichtType value."""


def of(bericht) -> Rule:
    """The rule of a bericht message (instance or class), for example berichten_pb2.Saldoverzoek."""
    full_name = bericht.DESCRIPTOR.full_name
    for rule in ALL.values():
        if rule.message.full_name == full_name:
            return rule
    raise KeyError(f"{full_name} carries no (skn.v1.bericht) option: it is not a bericht")


def answers_to(request_type: int, sender_role: int | None = None) -> list[Rule]:
    """The berichten that may answer a bericht of `request_type`, optionally only those `sender_role` sends."""
    return [rule for rule in ALL.values()
            if request_type in rule.answers and (sender_role is None or rule.sender_role == sender_role)]


def type_name(value: int) -> str:
    return bericht_type_pb2.BerichtType.Name(value)
