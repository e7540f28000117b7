"""Channels to a node, with the development certificates the node writes on first start.

The node serves HTTP/2 over TLS only. The exchange and the directory need the participant's client
certificate (mutual TLS); health and reflection answer without one, as stock tools expect.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import grpc


@dataclass(frozen=True)
class Node:
    """Where the node listens and where its development certificates are (its data folder's certs/)."""

    target: str
    certs: Path

    @staticmethod
    def from_environment() -> "Node":
        """The node the interop run started: SKN_NODE (host:port) and SKN_CERTS (a certs folder)."""
        target = os.environ.get("SKN_NODE", "127.0.0.1:5443")
        certs = Path(os.environ.get("SKN_CERTS", "src/Skn.Node/data/certs"))
        return Node(target, certs)

    @property
    def ca_certificate(self) -> Path:
        return self.certs / "ca.pem"

    def certificate(self, oin: str) -> Path:
        return self.certs / "participants" / f"{oin}.pem"

    def key(self, oin: str) -> Path:
        return self.certs / "participants" / f"{oin}-key.pem"

    def channel(self, oin: str | None = None) -> grpc.Channel:
        """A TLS channel that trusts the node's CA; with `oin`, it presents that participant's certificate."""
        private_key = certificate_chain = None
        if oin is not None:
            private_key = self.key(oin).read_bytes()
            certificate_chain = self.certificate(oin).read_bytes()
        credentials = grpc.ssl_channel_credentials(
            root_certificates=self.ca_certificate.read_bytes(),
            private_key=private_key,
            certificate_chain=certificate_chain,
        )
        return grpc.secure_channel(self.target, credentials)
