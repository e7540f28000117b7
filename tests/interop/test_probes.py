"""The README's grpcurl probes, run as written: every grpcurl command in the README block marked
"probes", with grpcurl's own arguments handed to probe.py (the stock Python reflection client), and
the README's address and certificate folder swapped for the node this run started. A probe that
the README gets wrong fails here.
"""

import contextlib
import io
import json
import os
import shlex
import unittest
from pathlib import Path

import probe
from sknvendor.channel import Node

README = Path(__file__).resolve().parents[2] / "README.md"
MARKER = "<!-- probes: run by tests/interop/test_probes.py -->"
README_ADDRESS = "127.0.0.1:5443"


def readme_probes() -> list[list[str]]:
    """The grpcurl command lines (continuations joined) of the first code block after the marker."""
    text = README.read_text()
    block = text[text.index(MARKER):].split("```")[1]
    commands, pending = [], ""
    for line in block.splitlines():
        pending += line.rstrip("\\").strip() + " "
        if line.endswith("\\"):
            continue
        if pending.startswith("grpcurl "):
            commands.append(shlex.split(pending)[1:])
        pending = ""
    return commands


class ReadmeProbesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = Node.from_environment()
        cls.commands = {}
        for arguments in readme_probes():
            # As in grpcurl, what to do (list, describe or a method) follows the address.
            verb = arguments[arguments.index(README_ADDRESS) + 1]
            cls.commands[verb] = [cls.node.target if a == README_ADDRESS else a for a in arguments]

    def run_probe(self, verb: str) -> str:
        # The README's paths are relative to the certificates folder it cd's into.
        output = io.StringIO()
        previous = os.getcwd()
        os.chdir(self.node.certs)
        try:
            with contextlib.redirect_stdout(output):
                status = probe.main(self.commands[verb])
        finally:
            os.chdir(previous)
        self.assertEqual(0, status, f"probe.py {' '.join(self.commands[verb])} failed")
        return output.getvalue()

    def test_readme_gives_the_daily_probes(self):
        self.assertEqual({"list", "describe", "grpc.health.v1.Health/Check", "skn.v1.DirectoryService/ListParticipants",
                          "skn.v1.ExchangeService/FetchPending"}, set(self.commands))

    def test_list_names_the_services(self):
        services = self.run_probe("list").split()
        self.assertIn("skn.v1.ExchangeService", services)
        self.assertIn("skn.v1.DirectoryService", services)

    def test_describe_shows_the_methods(self):
        self.assertIn("rpc FetchPending ( .skn.v1.FetchPendingRequest ) returns ( stream .skn.v1.FetchPendingResponse );",
                      self.run_probe("describe"))

    def test_health_is_serving(self):
        self.assertEqual({"status": "SERVING"}, json.loads(self.run_probe("grpc.health.v1.Health/Check")))

    def test_directory_lists_the_participants(self):
        participants = json.loads(self.run_probe("skn.v1.DirectoryService/ListParticipants"))["participants"]
        self.assertIn("Gemeente Voorbeeldstad", [p["name"] for p in participants])

    def test_fetch_without_follow_ends(self):
        # Without follow the stream ends once the mailbox is drained; whatever it delivered is
        # released again when it ends, so the probe takes nothing away from the real recipient.
        self.run_probe("skn.v1.ExchangeService/FetchPending")


if __name__ == "__main__":
    unittest.main()
