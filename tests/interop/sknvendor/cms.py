"""Seal and open content documents with the openssl command line.

The format is the .NET SDK's (sdk/Skn.Sdk/Sealing/ContentSeal.cs): CMS SignedData over the
serialized skn.v1.Content (SHA-256, embedded content, the signer's certificate included), whose DER
is the id-data content of an EnvelopedData for the recipient (RSAES-OAEP with SHA-256, AES-256-CBC).
The SDK opens what this seals and the other way round; the commands are the ones sdk/Skn.Sdk's
README and tests/Skn.Sdk.Tests/Sealing/OpenSslCmsInteropTests.cs use.
"""

import subprocess
import tempfile
from pathlib import Path


class SealError(Exception):
    """openssl refused to seal or open: bad key, wrong recipient, altered bytes or a foreign signer."""


def _openssl(folder: Path, *args: str) -> str:
    # openssl runs in the scratch folder: every path from outside it must be absolute (see _path).
    result = subprocess.run(["openssl", *args], cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SealError(f"openssl {args[0]} {args[1]} failed: {result.stderr.strip()}")
    return result.stdout


def _path(path: Path) -> str:
    return str(Path(path).resolve())


def seal(content: bytes, signer_certificate: Path, signer_key: Path, recipient_certificates: list[str]) -> bytes:
    """Signs `content` as the signer and encrypts it for every recipient certificate (PEM text).

    More than one recipient certificate happens during a key rollover; each gets the content key.
    """
    if not recipient_certificates:
        raise ValueError("at least one recipient certificate is needed")
    with tempfile.TemporaryDirectory(prefix="skn-seal-") as temp:
        folder = Path(temp)
        (folder / "content.bin").write_bytes(content)
        # -binary: the content is protobuf bytes, never MIME text to canonicalise. -nosmimecap: the
        # SDK signs contentType, messageDigest and signingTime only; openssl adds the time itself.
        _openssl(folder, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-nosmimecap",
                 "-signer", _path(signer_certificate), "-inkey", _path(signer_key),
                 "-in", "content.bin", "-outform", "DER", "-out", "signed.der")
        recipients: list[str] = []
        for index, pem in enumerate(recipient_certificates):
            name = f"recipient-{index}.pem"
            (folder / name).write_text(pem)
            # Each -keyopt applies to the -recip before it. Without them openssl would wrap the key with
            # PKCS#1 v1.5, which the SDK refuses; the MGF1 hash follows the OAEP hash (SHA-256).
            recipients += ["-recip", name, "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"]
        _openssl(folder, "cms", "-encrypt", "-binary", "-aes256", *recipients,
                 "-in", "signed.der", "-outform", "DER", "-out", "sealed.der")
        return (folder / "sealed.der").read_bytes()


def open_sealed(sealed: bytes, certificate: Path, key: Path, sender_certificates: list[str], ca_certificate: Path) -> bytes:
    """Decrypts `sealed` with our key and verifies it was signed by one of the sender's certificates.

    Returns the signed content bytes. The signer must be one of `sender_certificates` (PEM text, from
    the directory), never just any certificate the message brought along, and its chain must reach
    the node's CA. Weak algorithms are refused before anything is decrypted, as the SDK does.
    """
    with tempfile.TemporaryDirectory(prefix="skn-open-") as temp:
        folder = Path(temp)
        (folder / "sealed.der").write_bytes(sealed)
        check_algorithms(_openssl(folder, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "sealed.der"))
        _openssl(folder, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "sealed.der",
                 "-recip", _path(certificate), "-inkey", _path(key), "-out", "signed.der")
        check_signature(_openssl(folder, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "signed.der"))
        (folder / "sender.pem").write_text("".join(sender_certificates))
        # -nointern: look for the signer only among the directory's certificates of the sender, so a
        # message signed by anyone else fails with "signer certificate not found". -CAfile also checks
        # the chain and the S/MIME signing purpose, as tests/Skn.Sdk.Tests does with openssl.
        _openssl(folder, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signed.der",
                 "-nointern", "-certfile", "sender.pem", "-CAfile", _path(ca_certificate), "-out", "content.bin")
        return (folder / "content.bin").read_bytes()


def check_signature(printed: str) -> None:
    """Refuses a SignedData (printed by openssl cms -cmsout -print) without exactly one SHA-2 signature."""
    signers = printed.count("signatureAlgorithm:")
    if "contentType: pkcs7-signedData" not in printed or signers != 1:
        raise SealError(f"the decrypted content must be a SignedData with one signature, not {signers}")
    # The signer's digest, printed as "digestAlgorithm:" and on the next line "algorithm: sha256 (...)".
    digest = printed.split("digestAlgorithm:", 1)[1].split("algorithm:", 1)[1].split()[0]
    if digest not in ("sha256", "sha384", "sha512"):
        raise SealError(f"the content is signed with digest {digest}; SHA-256 or stronger is required")


def check_algorithms(printed: str) -> None:
    """Refuses an EnvelopedData whose printed structure (openssl cms -cmsout -print) is not OAEP-SHA256 + AES-256-CBC."""
    problems = []
    if "contentType: pkcs7-envelopedData" not in printed:
        problems.append("not a CMS EnvelopedData")
    if "algorithm: rsaesOaep (1.2.840.113549.1.1.7)" not in printed:
        problems.append("the content key is not wrapped with RSAES-OAEP")
    else:
        # The OAEP parameters must name SHA-256 for the hash and for MGF1; SHA-1 is the absent default.
        oaep = printed[printed.index("rsaesOaep"):printed.find("encryptedKey:")]
        if oaep.count(":sha256") != 2:
            problems.append("RSAES-OAEP does not use SHA-256 for its hash and MGF1")
    if "algorithm: aes-256-cbc (2.16.840.1.101.3.4.1.42)" not in printed:
        problems.append("the content is not encrypted with AES-256-CBC")
    if problems:
        raise SealError("; ".join(problems))
