"""The Python vendor's seal (openssl cms) on its own: what it seals opens, and what it must not
accept (a foreign signer, altered bytes, a header that disagrees with its envelope) is refused.
Uses the development certificates of the node this run started; no calls to the node.
"""

import subprocess
import tempfile
import unittest
from pathlib import Path

from skn.v1 import bericht_type_pb2, content_pb2, envelope_pb2

import dossier
from sknvendor import cms
from sknvendor.channel import Node
from sknvendor.party import header_mismatches

SHV, OTHER_SHV, SE = "00000099000000000101", "00000099000000000102", "00000099000000000201"


class SealingTest(unittest.TestCase):
    def setUp(self):
        self.node = Node.from_environment()
        self.content = content_pb2.Content(header=content_pb2.ContentHeader(
            message_id="6f1c8d2e-0000-4000-8000-000000000001", type=bericht_type_pb2.BERICHT_TYPE_SALDOVERZOEK,
            sender_oin=SHV, recipient_oin=SE, conversation_id="6f1c8d2e-0000-4000-8000-000000000002",
            definition_version="1.0"))
        self.content.saldoverzoek.CopyFrom(dossier.saldoverzoek("SHV-PY-0002"))

    def pem(self, oin: str) -> str:
        return self.node.certificate(oin).read_text()

    def seal(self) -> bytes:
        return cms.seal(self.content.SerializeToString(), self.node.certificate(SHV), self.node.key(SHV), [self.pem(SE)])

    def open(self, sealed: bytes, sender: str) -> bytes:
        return cms.open_sealed(sealed, self.node.certificate(SE), self.node.key(SE), [self.pem(sender)],
                               self.node.ca_certificate)

    def test_open_sealed_by_sender_returns_the_content(self):
        # Act
        opened = self.open(self.seal(), sender=SHV)

        # Assert
        self.assertEqual(self.content, content_pb2.Content.FromString(opened))

    def test_seal_uses_oaep_sha256_and_aes256_cbc(self):
        # Arrange
        sealed = self.seal()

        # Act
        with tempfile.NamedTemporaryFile(suffix=".der") as file:
            Path(file.name).write_bytes(sealed)
            printed = subprocess.run(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", file.name],
                                     capture_output=True, text=True, check=True).stdout

        # Assert: check_algorithms raises on anything else.
        cms.check_algorithms(printed)

    def test_open_expecting_another_sender_is_refused(self):
        # Act / Assert: signed by 101, but the directory says the sender is 102.
        with self.assertRaisesRegex(cms.SealError, "signer certificate not found"):
            self.open(self.seal(), sender=OTHER_SHV)

    def test_open_altered_bytes_is_refused(self):
        # Arrange: flip one bit near the end, inside the encrypted content.
        sealed = bytearray(self.seal())
        sealed[-20] ^= 0x01

        # Act / Assert
        with self.assertRaises(cms.SealError):
            self.open(bytes(sealed), sender=SHV)

    def test_header_that_disagrees_with_its_envelope_is_reported(self):
        # Arrange: the same sealed body under an envelope for another recipient.
        header = self.content.header
        envelope = envelope_pb2.Envelope(message_id=header.message_id, type=header.type, sender_oin=SHV,
                                         recipient_oin="00000099000000000202", conversation_id=header.conversation_id)

        # Act
        problems = header_mismatches(self.content, envelope)

        # Assert
        self.assertEqual(1, len(problems))
        self.assertIn("recipient_oin", problems[0])


if __name__ == "__main__":
    unittest.main()
