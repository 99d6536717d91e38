#!/usr/bin/env bash
# Installs the pinned code generators that buf.gen.yaml runs (local plugins only) into
# .tools/codegen (gitignored), each from its own registry through its ordinary client:
#   Go module proxy  protoc-gen-go, protoc-gen-connect-go, protoc-gen-go-grpc   (go install)
#   PyPI             grpcio-tools (protoc + the grpc_python generator) in a venv (pip),
#                    with the runtime the Python interop program uses (grpcio, and
#                    cryptography for the Ed25519 receipts)
#   Maven Central    protoc and protoc-gen-grpc-java executables (mvn dependency:copy)
# protoc-gen-es comes from npm (package.json). Idempotent and quick when everything is
# there: each tool has a stamp holding the pin it was installed at; only a missing or
# outdated one is (re)installed. Needs Go ≥ 1.26 (or GOTOOLCHAIN=auto, which fetches it),
# Python ≥ 3.9 with venv, Java ≥ 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

# The pins. Change a version here and the next run reinstalls that tool.
PROTOC_GEN_GO=v1.36.12        # google.golang.org/protobuf
PROTOC_GEN_CONNECT_GO=v1.21.1 # connectrpc.com/connect
PROTOC_GEN_GO_GRPC=v1.6.2     # google.golang.org/grpc/cmd/protoc-gen-go-grpc
GRPCIO_TOOLS=1.85.1           # PyPI; the venv also gets the Python runtime below
PYTHON_RUNTIME="grpcio==1.85.1 grpcio-status==1.85.1 protobuf==7.36.2 googleapis-common-protos==1.76.0 cryptography==50.0.2"
PROTOC=4.36.2                 # com.google.protobuf:protoc (protoc 36.2); protobuf-java is pinned to the same
# io.grpc:protoc-gen-grpc-java: 1.83.0, the newest whose linux-x86_64 executable Maven Central
# serves here (1.84.0's and 1.85.0's are not found); its stubs run on the grpc-java 1.85.0 runtime.
PROTOC_GEN_GRPC_JAVA=1.83.0
MAVEN_DEPENDENCY_PLUGIN=3.8.1

root="$PWD/.tools/codegen"
bin="$root/bin"
stamps="$root/stamps"
mkdir -p "$bin" "$stamps"

say() { echo "install-codegen-plugins: $*" >&2; }
# current NAME PIN [FILE...]: true when NAME was installed at PIN and its files are all there.
current() {
  local name=$1 pin=$2 file
  shift 2
  [[ -f "$stamps/$name" && "$(cat "$stamps/$name")" == "$pin" ]] || return 1
  for file in "$@"; do [[ -e "$file" ]] || return 1; done
}
need() { command -v "$1" >/dev/null 2>&1 || { say "$1 is required ($2)"; exit 1; }; }

# Go plugins: go install into .tools/codegen/bin.
go_plugin() {
  local name=$1 module=$2 version=$3
  current "$name" "$version" "$bin/$name" && return 0
  need go "to build $name"
  say "installing $name $version"
  local start=$SECONDS
  GOBIN="$bin" go install "$module@$version"
  echo "$version" >"$stamps/$name"
  say "$name $version installed in $((SECONDS - start)) s"
}
go_plugin protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go "$PROTOC_GEN_GO"
go_plugin protoc-gen-connect-go connectrpc.com/connect/cmd/protoc-gen-connect-go "$PROTOC_GEN_CONNECT_GO"
go_plugin protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc "$PROTOC_GEN_GO_GRPC"

# Python: a venv with grpcio-tools (run by scripts/codegen/grpc-tools-protoc) and the runtime.
python_pin="grpcio-tools==$GRPCIO_TOOLS $PYTHON_RUNTIME"
if ! current python "$python_pin" "$root/venv/bin/python"; then
  need python3 "for the grpcio-tools venv"
  say "installing grpcio-tools $GRPCIO_TOOLS into .tools/codegen/venv"
  start=$SECONDS
  rm -rf "$root/venv"
  python3 -m venv "$root/venv"
  # shellcheck disable=SC2086
  "$root/venv/bin/python" -m pip install --quiet --disable-pip-version-check "grpcio-tools==$GRPCIO_TOOLS" $PYTHON_RUNTIME
  echo "$python_pin" >"$stamps/python"
  say "grpcio-tools $GRPCIO_TOOLS installed in $((SECONDS - start)) s"
fi

# Java: the protoc and protoc-gen-grpc-java executables, linux-x86_64, from Maven Central.
maven_exe() {
  local name=$1 artifact=$2 version=$3
  current "$name" "$version" "$bin/$name" && return 0
  need mvn "to download $name"
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) say "$name: only the linux-x86_64 executable is pinned, this is $(uname -s)-$(uname -m)"; exit 1 ;;
  esac
  say "downloading $artifact:$version (linux-x86_64)"
  local start=$SECONDS tmp
  tmp=$(mktemp -d)
  mvn --batch-mode --quiet "org.apache.maven.plugins:maven-dependency-plugin:$MAVEN_DEPENDENCY_PLUGIN:copy" \
    "-Dartifact=$artifact:$version:exe:linux-x86_64" "-DoutputDirectory=$tmp" -Dmdep.stripVersion=true 2>&1 |
    sed 's/\x1b\[[0-9;]*m//g' >&2 # Maven 3.8 prints colour codes even with --batch-mode --quiet
  mv "$tmp"/*.exe "$bin/$name"
  rm -rf "$tmp"
  chmod +x "$bin/$name"
  echo "$version" >"$stamps/$name"
  say "$name $version installed in $((SECONDS - start)) s"
}
maven_exe protoc com.google.protobuf:protoc "$PROTOC"
maven_exe protoc-gen-grpc-java io.grpc:protoc-gen-grpc-java "$PROTOC_GEN_GRPC_JAVA"
