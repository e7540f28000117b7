"""A Saldoverzoek conversation between two Python parties against a real node over mutual TLS:
the debt counsellor (SHV) asks, the creditor (SE) follows its mailbox, opens, answers and
acknowledges; the SHV fetches, opens and acknowledges the answer; the trail shows both done.
The protocol rules it relies on are read from the contract's descriptors (sknvendor.rules).
"""

import unittest

from skn.v1 import bericht_type_pb2, berichten_pb2, envelope_pb2, exchange_service_pb2, role_pb2

import dossier
from sknvendor import rules
from sknvendor.channel import Node
from sknvendor.party import Participant

# Demo participants the node writes on first start (src/Skn.Node/Registry/DemoParticipants.cs).
GEMEENTE_VOORBEELDSTAD = "00000099000000000101"  # SHV
WOONSTICHTING_DE_SLEUTEL = "00000099000000000201"  # SE, no content attributes

ACKNOWLEDGED = exchange_service_pb2.ACKNOWLEDGE_OUTCOME_ACKNOWLEDGED


def next_delivery(stream) -> exchange_service_pb2.Delivery:
    """The next delivery on a FetchPending stream, past any heartbeats."""
    for event in stream:
        if event.HasField("delivery"):
            return event.delivery
    raise AssertionError("the stream ended without a delivery")


class SaldoverzoekConversationTest(unittest.TestCase):
    def setUp(self):
        node = Node.from_environment()
        self.shv = Participant(node, GEMEENTE_VOORBEELDSTAD)
        self.se = Participant(node, WOONSTICHTING_DE_SLEUTEL)

    def tearDown(self):
        self.shv.close()
        self.se.close()

    def test_saldoverzoek_answered_by_python_parties_ends_acknowledged_in_trail(self):
        # Arrange: what the contract says of this conversation, read from the descriptors.
        request_rule = rules.of(berichten_pb2.Saldoverzoek)
        self.assertEqual(role_pb2.ROLE_SHV, request_rule.sender_role)
        self.assertTrue(request_rule.starts_conversation)
        self.assertEqual(10, request_rule.reply_due_working_days)
        answer_rules = rules.answers_to(request_rule.type, sender_role=role_pb2.ROLE_SE)
        answer_rule = rules.of(berichten_pb2.SaldoverzoekAntwoord)
        self.assertIn(answer_rule, answer_rules)
        self.assertEqual(bericht_type_pb2.BERICHT_TYPE_SALDOVERZOEK_ANTWOORD, answer_rule.type)

        # The SE follows its mailbox before anything is sent, so the request is pushed to an open
        # stream; the first heartbeat says the stream is open and idle.
        se_stream = self.se.fetch(follow=True, bericht_types=[request_rule.type],
                                  heartbeat_interval={"seconds": 1})
        try:
            self.assertTrue(next(se_stream).HasField("heartbeat"))

            # Act 1: the SHV asks.
            request = dossier.saldoverzoek("SHV-PY-0001")
            sent = self.shv.send(WOONSTICHTING_DE_SLEUTEL, request)
            self.assertEqual(request_rule.type, sent.type)
            self.assertEqual(GEMEENTE_VOORBEELDSTAD, sent.sender_oin)
            self.assertTrue(sent.HasField("reply_due_date"), "a bericht with an answer term gets a reply-due date")

            # Act 2: the SE receives it on the open stream, opens and checks it, answers, acknowledges.
            delivery = next_delivery(se_stream)
            received = self.se.open(delivery)
            self.assertEqual(sent.message_id, received.envelope.message_id)
            self.assertEqual(request, received.bericht)
            self.assertEqual(GEMEENTE_VOORBEELDSTAD, received.content.header.sender_oin)
            answer = dossier.saldoverzoek_antwoord(received.bericht)
            replied = self.se.reply(received, answer)
            outcomes = self.se.acknowledge(received.delivery_token)
        finally:
            se_stream.cancel()

        # Assert 2: the answer is in the request's dossier and names it.
        self.assertEqual(answer_rule.type, replied.type)
        self.assertEqual(sent.message_id, replied.in_reply_to)
        self.assertEqual(sent.conversation_id, replied.conversation_id)
        self.assertFalse(replied.HasField("reply_due_date"), "an answer expects no answer")
        self.assertEqual([ACKNOWLEDGED], [o.outcome for o in outcomes])

        # Act 3: the SHV fetches its mailbox (no follow: the stream ends once it is drained), opens
        # the answer and acknowledges it.
        answers = []
        for event in self.shv.fetch(follow=False, bericht_types=[answer_rule.type]):
            if event.HasField("delivery"):
                opened = self.shv.open(event.delivery)
                answers.append(opened)
                self.assertEqual([ACKNOWLEDGED], [o.outcome for o in self.shv.acknowledge(opened.delivery_token)])

        # Assert 3: exactly our answer, intact, from the SE.
        self.assertEqual([replied.message_id], [a.envelope.message_id for a in answers])
        self.assertEqual(answer, answers[0].bericht)
        self.assertEqual(WOONSTICHTING_DE_SLEUTEL, answers[0].envelope.sender_oin)
        self.assertEqual(sent.message_id, answers[0].envelope.in_reply_to)

        # Assert 4: the SHV's trail of this dossier shows both envelopes acknowledged.
        trail = self.shv.trail(conversation_id=sent.conversation_id)
        states = {entry.envelope.message_id: entry.envelope.state for entry in trail}
        self.assertEqual({sent.message_id: envelope_pb2.ENVELOPE_STATE_ACKNOWLEDGED,
                          replied.message_id: envelope_pb2.ENVELOPE_STATE_ACKNOWLEDGED}, states)
        self.assertTrue(all(entry.HasField("outcome_time") for entry in trail))
        self.assertTrue(all(len(entry.envelope.sealed_content) == 0 for entry in trail), "a trail never holds content")


if __name__ == "__main__":
    unittest.main()
