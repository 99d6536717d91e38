import { create, createFileRegistry, type DescFile, type DescService, type FileRegistry, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";

/**
 * What reflection publishes, as one protobuf-es file registry: the given
 * files and services' files with every file they import, and lookups for
 * the questions of the reflection protocol.
 */
export interface DescriptorIndex {
  readonly registry: FileRegistry;
  /** Fully-qualified names of the published services, in the order given. */
  readonly serviceNames: readonly string[];
  fileByName(fileName: string): DescFile | undefined;
  /** The file declaring a service, method, message, field, oneof, enum, enum value or extension. */
  fileContainingSymbol(symbol: string): DescFile | undefined;
  fileContainingExtension(extendee: string, number: number): DescFile | undefined;
  /** Extension numbers of a message type, or undefined for an unknown type. */
  extensionNumbersOf(typeName: string): number[] | undefined;
  /** A file's serialized FileDescriptorProto first, then those of every file it imports, transitively. */
  serializedWithDependencies(file: DescFile): Uint8Array[];
}

export function createDescriptorIndex(publish: readonly (DescFile | DescService)[]): DescriptorIndex {
  const serviceNames = [...new Set(publish.filter((d) => d.kind === "service").map((d) => d.typeName))];
  const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: withDependencies(publish.map(fileOf)).map((f) => f.proto) }));
  const symbols = symbolsOf(registry);
  const serialized = new Map<string, Uint8Array>();
  for (const file of registry.files) serialized.set(file.proto.name, toBinary(FileDescriptorProtoSchema, file.proto));

  return {
    registry,
    serviceNames,
    fileByName: (fileName) => registry.getFile(fileName),
    fileContainingSymbol: (symbol) => symbols.get(symbol.startsWith(".") ? symbol.slice(1) : symbol),
    fileContainingExtension: (extendee, number) => {
      const message = registry.getMessage(extendee);
      return message === undefined ? undefined : registry.getExtensionFor(message, number)?.file;
    },
    extensionNumbersOf: (typeName) => {
      if (registry.getMessage(typeName) === undefined) return undefined;
      const numbers: number[] = [];
      for (const type of registry) {
        if (type.kind === "extension" && type.extendee.typeName === typeName) numbers.push(type.number);
      }
      return numbers.sort((a, b) => a - b);
    },
    serializedWithDependencies: (file) =>
      withDependencies([file])
        .reverse() // the file asked for first
        .map((f) => serialized.get(f.proto.name))
        .filter((bytes) => bytes !== undefined),
  };
}

function fileOf(desc: DescFile | DescService): DescFile {
  return desc.kind === "file" ? desc : desc.file;
}

/** The files and everything they import, each once, every file after its imports. */
function withDependencies(files: readonly DescFile[]): DescFile[] {
  const ordered: DescFile[] = [];
  const seen = new Set<string>();
  const visit = (file: DescFile): void => {
    if (seen.has(file.proto.name)) return;
    seen.add(file.proto.name);
    for (const dependency of file.dependencies) visit(dependency);
    ordered.push(file);
  };
  for (const file of files) visit(file);
  return ordered;
}

/** Every fully-qualified name a file declares, mapped to that file. */
function symbolsOf(registry: FileRegistry): Map<string, DescFile> {
  const symbols = new Map<string, DescFile>();
  // The registry holds every type, nested ones included; members are named after their type.
  for (const type of registry) {
    symbols.set(type.typeName, type.file);
    switch (type.kind) {
      case "service":
        for (const method of type.methods) symbols.set(`${type.typeName}.${method.name}`, type.file);
        break;
      case "message":
        for (const field of type.fields) symbols.set(`${type.typeName}.${field.name}`, type.file);
        for (const oneof of type.oneofs) symbols.set(`${type.typeName}.${oneof.name}`, type.file);
        break;
      case "enum": {
        // Enum values are siblings of their enum (C++ scoping rules).
        const scope = type.parent?.typeName ?? type.file.proto.package;
        for (const value of type.values) symbols.set(scope === "" ? value.name : `${scope}.${value.name}`, type.file);
        break;
      }
      case "extension":
        break;
    }
  }
  return symbols;
}
