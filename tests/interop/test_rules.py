"""The protocol rules travel in the contract: a Python vendor reads them from its own generated
descriptors, the (skn.v1.bericht) option on each bericht, without the node, the SDK or any C#.
"""

import unittest

from skn.v1 import bericht_type_pb2, berichten_pb2, content_pb2, role_pb2

from sknvendor import rules

T = bericht_type_pb2.BerichtType


class BerichtRulesTest(unittest.TestCase):
    def test_every_bericht_type_has_exactly_one_message_and_content_case(self):
        # Arrange
        types = {value for value in T.values() if value != bericht_type_pb2.BERICHT_TYPE_UNSPECIFIED}
        cases = {field.name for field in content_pb2.Content.DESCRIPTOR.oneofs_by_name["bericht"].fields}

        # Act
        rule_types = set(rules.ALL)
        rule_cases = {rule.content_field for rule in rules.ALL.values()}

        # Assert
        self.assertEqual(types, rule_types)
        self.assertEqual(cases, rule_cases)

    def test_saldoverzoek_is_sent_by_shv_and_answered_by_se(self):
        # Act
        request = rules.of(berichten_pb2.Saldoverzoek)
        answers = {rule.message.name for rule in rules.answers_to(request.type)}

        # Assert
        self.assertEqual(bericht_type_pb2.BERICHT_TYPE_SALDOVERZOEK, request.type)
        self.assertEqual(role_pb2.ROLE_SHV, request.sender_role)
        self.assertEqual(role_pb2.ROLE_SE, request.recipient_role)
        self.assertFalse(request.is_answer)
        self.assertEqual({"SaldoverzoekAntwoord", "SaldoverzoekAntwoordVoorafAkkoord", "GeenMedewerking"}, answers)

    def test_answers_go_to_the_other_role_and_name_only_requests_of_that_role(self):
        for rule in rules.ALL.values():
            for answered in rule.answers:
                with self.subTest(bericht=rule.message.name, answers=rules.type_name(answered)):
                    self.assertEqual(rule.recipient_role, rules.ALL[answered].sender_role)

    def test_notices_within_a_dossier_may_not_start_one(self):
        # Regeling geaccordeerd and Beeindiging: a dossier must exist before them.
        for message in (berichten_pb2.RegelingGeaccordeerd, berichten_pb2.Beeindiging):
            with self.subTest(bericht=message.DESCRIPTOR.name):
                rule = rules.of(message)
                self.assertFalse(rule.starts_conversation)
                self.assertFalse(rule.is_answer)

    def test_building_block_is_not_a_bericht(self):
        from skn.v1 import gegevens_pb2
        with self.assertRaises(KeyError):
            rules.of(gegevens_pb2.Persoon)


if __name__ == "__main__":
    unittest.main()
