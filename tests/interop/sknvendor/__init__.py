"""A minimal Skn vendor in Python, built only from stock parts.

The gRPC runtime and protobuf are Debian's (python3-grpcio, python3-protobuf), the stubs are made by
Debian's protoc and grpc_python_plugin from this repository's protos/ at run time (tests/interop/
generate.sh), and sealing is the openssl command line. Nothing here comes from the .NET SDK: it is
what a vendor in another language would write from the contract and the README alone.

Modules, one job each:
  rules      the protocol rules, read from the (skn.v1.bericht) option in the descriptors
  cms        seal and open content with `openssl cms`, as the .NET SDK's ContentSeal does
  channel    mutual-TLS channels to the node with the development certificates
  party      one participant: send, reply, fetch, open, acknowledge, trail
  reflection a server-reflection client (stock grpc.reflection protos), as grpcurl works
"""
