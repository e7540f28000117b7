#!/usr/bin/python3
"""grpcurl's daily probes, for machines without grpcurl: the same arguments, answered by the stock
Python reflection client (sknvendor/reflection.py) instead of grpcurl.

    /usr/bin/python3 tests/interop/probe.py -cacert ca.pem 127.0.0.1:5443 list
    /usr/bin/python3 tests/interop/probe.py -cacert ca.pem 127.0.0.1:5443 describe skn.v1.ExchangeService
    /usr/bin/python3 tests/interop/probe.py -cacert ca.pem 127.0.0.1:5443 grpc.health.v1.Health/Check
    /usr/bin/python3 tests/interop/probe.py -cacert ca.pem -cert P.pem -key P-key.pem \\
        -d '{"follow": false}' 127.0.0.1:5443 skn.v1.ExchangeService/FetchPending

Like grpcurl it knows nothing of the contract beforehand: every type comes from server reflection.
It needs the stock stubs (tests/interop/generate.sh); without SKN_STUBS it generates them into a
temporary folder first (Debian's protoc, see tests/interop/install.sh).
"""

import argparse
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _stubs_on_path() -> None:
    stubs = os.environ.get("SKN_STUBS")
    if not stubs:
        stubs = tempfile.mkdtemp(prefix="skn-stubs-")
        atexit.register(shutil.rmtree, stubs, True)
        subprocess.run(["bash", str(HERE / "generate.sh"), stubs], check=True)
    for path in (stubs, str(HERE)):
        if path not in sys.path:
            sys.path.insert(0, path)


def _parse(argv: list[str]) -> argparse.Namespace:
    # grpcurl's single-dash flags, so a grpcurl command line works here unchanged.
    parser = argparse.ArgumentParser(prog="probe.py", description="grpcurl's probes with a stock Python reflection client")
    parser.add_argument("-cacert", required=True, help="PEM file of the CA the node's certificate chains to")
    parser.add_argument("-cert", help="client certificate (PEM), for the exchange and the directory")
    parser.add_argument("-key", help="the client certificate's private key (PEM)")
    parser.add_argument("-d", dest="data", default="{}", help="the request as JSON (default: {})")
    parser.add_argument("-v1alpha", action="store_true", help="ask reflection v1alpha instead of v1")
    parser.add_argument("address", help="host:port of the node")
    parser.add_argument("verb", help="list, describe, or a method (package.Service/Method)")
    parser.add_argument("symbol", nargs="?", help="for list and describe: what to show")
    arguments = parser.parse_args(argv)
    if (arguments.cert is None) != (arguments.key is None):
        parser.error("-cert and -key go together")
    return arguments


def _channel(arguments: argparse.Namespace):
    import grpc
    key = Path(arguments.key).read_bytes() if arguments.key else None
    chain = Path(arguments.cert).read_bytes() if arguments.cert else None
    credentials = grpc.ssl_channel_credentials(Path(arguments.cacert).read_bytes(), key, chain)
    return grpc.secure_channel(arguments.address, credentials)


def describe(descriptor) -> str:
    """A protobuf-source-like rendering of a service, message or enum, as grpcurl's describe prints."""
    from google.protobuf import descriptor as d
    if isinstance(descriptor, d.ServiceDescriptor):
        lines = [f"{descriptor.full_name} is a service:", f"service {descriptor.name} {{"]
        for method in descriptor.methods:
            stream_in = "stream " if method.client_streaming else ""
            stream_out = "stream " if method.server_streaming else ""
            lines.append(f"  rpc {method.name} ( {stream_in}.{method.input_type.full_name} ) "
                         f"returns ( {stream_out}.{method.output_type.full_name} );")
        return "\n".join(lines + ["}"])
    if isinstance(descriptor, d.Descriptor):
        lines = [f"{descriptor.full_name} is a message:", f"message {descriptor.name} {{"]
        for field in descriptor.fields:
            label = "repeated " if field.label == field.LABEL_REPEATED else ""
            kind = field.message_type or field.enum_type
            type_name = f".{kind.full_name}" if kind else _scalar_name(field.type)
            lines.append(f"  {label}{type_name} {field.name} = {field.number};")
        return "\n".join(lines + ["}"])
    if isinstance(descriptor, d.EnumDescriptor):
        lines = [f"{descriptor.full_name} is an enum:", f"enum {descriptor.name} {{"]
        lines += [f"  {value.name} = {value.number};" for value in descriptor.values]
        return "\n".join(lines + ["}"])
    return f"{descriptor.full_name}"


def _scalar_name(field_type: int) -> str:
    """"string" for TYPE_STRING and so on: the names descriptor.proto gives the scalar types."""
    from google.protobuf import descriptor_pb2
    return descriptor_pb2.FieldDescriptorProto.Type.Name(field_type)[len("TYPE_"):].lower()


def main(argv: list[str] | None = None) -> int:
    arguments = _parse(sys.argv[1:] if argv is None else argv)
    _stubs_on_path()
    import grpc
    from google.protobuf import json_format
    from sknvendor.reflection import ReflectionClient, ReflectionError

    channel = _channel(arguments)
    client = ReflectionClient(channel, "v1alpha" if arguments.v1alpha else "v1")
    try:
        if arguments.verb == "list":
            if arguments.symbol:
                service = client.find(arguments.symbol)
                print("\n".join(f"{service.full_name}.{m.name}" for m in service.methods))
            else:
                print("\n".join(sorted(client.list_services())))
        elif arguments.verb == "describe":
            symbols = [arguments.symbol] if arguments.symbol else sorted(client.list_services())
            print("\n".join(describe(client.find(symbol)) for symbol in symbols))
        else:
            for response in client.call(channel, arguments.verb, arguments.data):
                print(json_format.MessageToJson(response, indent=2))
    except grpc.RpcError as error:
        print(f"ERROR:\n  Code: {error.code().name}\n  Message: {error.details()}", file=sys.stderr)
        return 1
    except ReflectionError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    finally:
        channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
