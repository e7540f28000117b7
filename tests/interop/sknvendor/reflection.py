"""A server-reflection client built from the stock protos (Debian's grpc-proto), working the way
grpcurl does: list the services, fetch the file descriptors that define a symbol (with every file
they import), load them into a private descriptor pool, and call methods with message classes made
from those descriptors at run time. No generated skn stubs are involved: whatever it knows of the
contract, it learnt from the node.
"""

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
from stock_grpc.reflection.v1 import reflection_pb2 as v1_pb2
from stock_grpc.reflection.v1 import reflection_pb2_grpc as v1_grpc
from stock_grpc.reflection.v1alpha import reflection_pb2 as v1alpha_pb2
from stock_grpc.reflection.v1alpha import reflection_pb2_grpc as v1alpha_grpc

CALL_TIMEOUT_SECONDS = 15.0

# The two versions of the reflection protocol: v1 is the current one, v1alpha what older tools
# (and grpcurl before 1.8.8) ask for. Their messages are the same shape.
VERSIONS = {
    "v1": (v1_pb2, v1_grpc),
    "v1alpha": (v1alpha_pb2, v1alpha_grpc),
}


class ReflectionError(Exception):
    """The node answered a reflection request with an error (an unknown symbol or file, say)."""


class ReflectionClient:
    """Reflection over one channel; descriptors it fetches accumulate in its own pool."""

    def __init__(self, channel: grpc.Channel, version: str = "v1"):
        self._messages, stubs = VERSIONS[version]
        self._stub = stubs.ServerReflectionStub(channel)
        self._channel = channel
        # A private pool, never the process's default one: it holds only what the node told us.
        self.pool = descriptor_pool.DescriptorPool()
        self._loaded: set[str] = set()

    def _ask(self, **request):
        """One request on its own reflection stream; the protocol allows many, one is enough here."""
        # Read the stream to its end rather than stopping at the first answer: the server ends the
        # call cleanly once our side is done, where an abandoned stream is a reset on the node.
        [response] = list(self._stub.ServerReflectionInfo(
            iter([self._messages.ServerReflectionRequest(**request)]), timeout=CALL_TIMEOUT_SECONDS))
        if response.HasField("error_response"):
            raise ReflectionError(f"{request}: {response.error_response.error_message} "
                                  f"(code {response.error_response.error_code})")
        return response

    def list_services(self) -> list[str]:
        return [s.name for s in self._ask(list_services="").list_services_response.service]

    def _load(self, files: list[bytes]) -> None:
        """Adds the returned files to the pool, each after the files it imports."""
        protos = {}
        for raw in files:
            proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
            protos[proto.name] = proto

        def add(name: str) -> None:
            if name in self._loaded:
                return
            if name not in protos:  # an import the node did not send along: ask for it by name
                self._load(list(self._ask(file_by_filename=name).file_descriptor_response.file_descriptor_proto))
                return
            for dependency in protos[name].dependency:
                add(dependency)
            self.pool.Add(protos[name])
            self._loaded.add(name)

        for name in protos:
            add(name)

    def file_descriptors(self, symbol: str) -> list[descriptor_pb2.FileDescriptorProto]:
        """The files that define `symbol` and everything they import, as the node returns them; loads them."""
        files = list(self._ask(file_containing_symbol=symbol).file_descriptor_response.file_descriptor_proto)
        self._load(files)
        return [descriptor_pb2.FileDescriptorProto.FromString(raw) for raw in files]

    def find(self, symbol: str):
        """The descriptor of a service, message or enum (fetched from the node when not yet loaded)."""
        found = self._lookup(symbol)
        if found is None:
            self.file_descriptors(symbol)
            found = self._lookup(symbol)
        if found is None:
            raise ReflectionError(f"{symbol} is not a service, message, enum or extension")
        return found

    def _lookup(self, symbol: str):
        # DescriptorPool has FindSymbol only from protobuf 4.22 on; Debian 12 ships 4.21.
        for find in (self.pool.FindServiceByName, self.pool.FindMessageTypeByName,
                     self.pool.FindEnumTypeByName, self.pool.FindExtensionByName):
            try:
                return find(symbol)
            except KeyError:
                continue
        return None

    def message_class(self, full_name: str):
        """A message class made at run time from the fetched descriptor."""
        descriptor = self.find(full_name)
        if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(self.pool).GetPrototype(descriptor)

    def message_option(self, message: str, extension: str):
        """A custom option of a message, such as (skn.v1.bericht), read from the served descriptors.

        The option arrives as bytes of google.protobuf.MessageOptions that this pool's own copy of
        descriptor.proto (served by the node) can parse together with the extension's definition.
        """
        descriptor = self.find(message)
        field = self.find(extension)
        options_class = self.message_class(field.containing_type.full_name)
        options = options_class.FromString(descriptor.GetOptions().SerializeToString())
        return options.Extensions[field] if options.HasExtension(field) else None

    def method(self, full_method: str):
        """The descriptor of "package.Service/Method" (grpcurl also accepts a dot before the method)."""
        service_name, _, method_name = full_method.replace("/", ".").rpartition(".")
        service = self.find(service_name)
        return service.methods_by_name[method_name]

    def call(self, channel: grpc.Channel, full_method: str, request_json: str = "{}", timeout: float = CALL_TIMEOUT_SECONDS):
        """Calls a unary or server-streaming method with a JSON request; returns the response messages."""
        method = self.method(full_method)
        if method.client_streaming:
            raise ValueError(f"{full_method} takes a client stream; only unary and server-streaming calls are supported")
        request_class = self.message_class(method.input_type.full_name)
        response_class = self.message_class(method.output_type.full_name)
        request = json_format.Parse(request_json, request_class())
        path = f"/{method.containing_service.full_name}/{method.name}"
        if method.server_streaming:
            call = channel.unary_stream(path, request_serializer=request_class.SerializeToString,
                                        response_deserializer=response_class.FromString)
            return list(call(request, timeout=timeout))
        call = channel.unary_unary(path, request_serializer=request_class.SerializeToString,
                                   response_deserializer=response_class.FromString)
        return [call(request, timeout=timeout)]
