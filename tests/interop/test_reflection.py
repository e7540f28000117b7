"""Stock tooling against the node: server reflection (v1 and v1alpha) and gRPC health, with clients
generated from Debian's grpc-proto, not from anything in this repository. The skn types used here
are built at run time from the descriptors the node serves, as grpcurl does: this module imports
no generated skn stubs.
"""

import unittest

import grpc
from google.protobuf import descriptor_pool
from stock_grpc.health.v1 import health_pb2, health_pb2_grpc

from sknvendor.channel import Node
from sknvendor.reflection import ReflectionClient, ReflectionError

SERVICES = {
    "skn.v1.ExchangeService",
    "skn.v1.DirectoryService",
    "skn.v1.OperatorService",
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
}
GEMEENTE_VOORBEELDSTAD = "00000099000000000101"


class ReflectionTest(unittest.TestCase):
    def setUp(self):
        self.node = Node.from_environment()
        # Reflection and health need no client certificate.
        self.channel = self.node.channel()

    def tearDown(self):
        self.channel.close()

    def test_list_services_v1_and_v1alpha_name_every_service(self):
        for version in ("v1", "v1alpha"):
            with self.subTest(version=version):
                # Act
                services = ReflectionClient(self.channel, version).list_services()

                # Assert
                self.assertEqual(SERVICES, set(services))

    def test_file_descriptors_of_exchange_service_come_with_their_imports(self):
        for version in ("v1", "v1alpha"):
            with self.subTest(version=version):
                # Arrange
                client = ReflectionClient(self.channel, version)

                # Act
                files = {f.name: f for f in client.file_descriptors("skn.v1.ExchangeService")}
                service = client.find("skn.v1.ExchangeService")

                # Assert: the file, everything it imports (the node's and the well-known types), and
                # every import of those, so a client can build every message.
                self.assertIn("skn/v1/exchange_service.proto", files)
                for imported in ("skn/v1/envelope.proto", "skn/v1/bericht_type.proto", "skn/v1/gegevens.proto",
                                 "google/protobuf/timestamp.proto", "google/protobuf/duration.proto"):
                    self.assertIn(imported, files)
                for proto in files.values():
                    self.assertTrue(set(proto.dependency) <= set(files), f"{proto.name} imports a file not sent")
                self.assertEqual(["Send", "BatchSend", "FetchPending", "Acknowledge", "ExtendHandlingTerm", "ListTrail",
                                  "ReleasePoisoned"],
                                 [m.name for m in service.methods])
                self.assertTrue(service.methods_by_name["FetchPending"].server_streaming)

    def test_every_listed_service_can_be_described(self):
        # Arrange
        client = ReflectionClient(self.channel)

        for service in client.list_services():
            with self.subTest(service=service):
                # Act
                descriptor = client.find(service)

                # Assert
                self.assertEqual(service, descriptor.full_name)
                self.assertTrue(len(descriptor.methods) > 0)

    def test_bericht_rules_are_read_from_the_running_node(self):
        # Arrange: the berichten travel sealed inside Content, which no RPC names; the node serves
        # them anyway, so the (skn.v1.bericht) rules can be read from it as well as from the protos.
        client = ReflectionClient(self.channel, "v1alpha")

        # Act
        request = client.message_option("skn.v1.Saldoverzoek", "skn.v1.bericht")
        answer = client.message_option("skn.v1.SaldoverzoekAntwoord", "skn.v1.bericht")
        building_block = client.message_option("skn.v1.Persoon", "skn.v1.bericht")

        # Assert: enum values named through the served enum descriptors, not through stubs.
        def name(rule, field, number):
            return rule.DESCRIPTOR.fields_by_name[field].enum_type.values_by_number[number].name

        self.assertEqual("BERICHT_TYPE_SALDOVERZOEK", name(request, "type", request.type))
        self.assertEqual("ROLE_SHV", name(request, "sender_role", request.sender_role))
        self.assertTrue(request.starts_conversation)
        self.assertEqual(10, request.reply_due_working_days)
        self.assertEqual("ROLE_SE", name(answer, "sender_role", answer.sender_role))
        self.assertEqual(["BERICHT_TYPE_SALDOVERZOEK"], [name(answer, "answers", a) for a in answer.answers])
        self.assertIsNone(building_block)

    def test_message_classes_are_built_from_the_served_descriptors(self):
        # Arrange
        client = ReflectionClient(self.channel)

        # Act
        envelope_class = client.message_class("skn.v1.Envelope")
        envelope = envelope_class(message_id="m-1", type=4)

        # Assert: a class of the client's own pool, never of generated stubs (the default pool).
        self.assertIs(client.pool, envelope_class.DESCRIPTOR.file.pool)
        self.assertIsNot(descriptor_pool.Default(), envelope_class.DESCRIPTOR.file.pool)
        self.assertEqual("BERICHT_TYPE_SALDOVERZOEK", envelope_class.DESCRIPTOR.fields_by_name["type"].enum_type.values_by_number[4].name)
        self.assertEqual(envelope, envelope_class.FromString(envelope.SerializeToString()))

    def test_unknown_symbol_is_a_reflection_error(self):
        with self.assertRaises(ReflectionError):
            ReflectionClient(self.channel).find("skn.v1.NoSuchService")

    def test_dynamic_directory_call_with_client_certificate_lists_demo_participants(self):
        # Arrange: the directory needs a participant's certificate.
        client = ReflectionClient(self.channel)
        channel = self.node.channel(GEMEENTE_VOORBEELDSTAD)
        try:
            # Act
            [listed] = client.call(channel, "skn.v1.DirectoryService/ListParticipants", '{"pageSize": 100}')
            [one] = client.call(channel, "skn.v1.DirectoryService/GetParticipant", f'{{"oin": "{GEMEENTE_VOORBEELDSTAD}"}}')
        finally:
            channel.close()

        # Assert
        self.assertEqual(["00000099000000000101", "00000099000000000102", "00000099000000000201",
                          "00000099000000000202", "00000099000000000203", "00000099000000000204"],
                         [p.oin for p in listed.participants])
        self.assertEqual("Gemeente Voorbeeldstad", one.participant.name)
        self.assertTrue(len(one.participant.certificates) > 0)

    def test_dynamic_directory_call_without_client_certificate_is_unauthenticated(self):
        # Act
        with self.assertRaises(grpc.RpcError) as raised:
            ReflectionClient(self.channel).call(self.channel, "skn.v1.DirectoryService/ListParticipants")

        # Assert
        self.assertEqual(grpc.StatusCode.UNAUTHENTICATED, raised.exception.code())


class HealthTest(unittest.TestCase):
    def test_check_with_stock_health_client_is_serving(self):
        # Arrange
        channel = Node.from_environment().channel()
        try:
            # Act
            response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=""), timeout=15)
        finally:
            channel.close()

        # Assert
        self.assertEqual(health_pb2.HealthCheckResponse.SERVING, response.status)


if __name__ == "__main__":
    unittest.main()
