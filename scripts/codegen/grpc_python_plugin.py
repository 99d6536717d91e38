"""A protoc plugin around grpcio-tools' built-in grpc_python generator.

grpcio-tools ships the generator only inside its own protoc, so this plugin reads
the CodeGeneratorRequest, hands its descriptors to that protoc through
--descriptor_set_in, and returns the files it wrote as a CodeGeneratorResponse.
"""

import os
import sys
import tempfile

from google.protobuf import descriptor_pb2
from google.protobuf.compiler import plugin_pb2
from grpc_tools import protoc


def main() -> int:
    request = plugin_pb2.CodeGeneratorRequest.FromString(sys.stdin.buffer.read())
    response = plugin_pb2.CodeGeneratorResponse(
        supported_features=plugin_pb2.CodeGeneratorResponse.FEATURE_PROTO3_OPTIONAL
    )
    with tempfile.TemporaryDirectory() as work:
        descriptors = os.path.join(work, "descriptors.binpb")
        with open(descriptors, "wb") as out:
            out.write(descriptor_pb2.FileDescriptorSet(file=request.proto_file).SerializeToString())
        output = os.path.join(work, "out")
        os.mkdir(output)
        option = f"{request.parameter}:{output}" if request.parameter else output
        code = protoc.main(
            ["protoc", f"--descriptor_set_in={descriptors}", f"--grpc_python_out={option}", *request.file_to_generate]
        )
        if code != 0:
            response.error = f"grpcio-tools protoc exited with {code}"
        else:
            for directory, _, names in os.walk(output):
                for name in sorted(names):
                    path = os.path.join(directory, name)
                    with open(path, encoding="utf-8") as generated:
                        response.file.add(name=os.path.relpath(path, output), content=generated.read())
    sys.stdout.buffer.write(response.SerializeToString())
    return 0


if __name__ == "__main__":
    sys.exit(main())
