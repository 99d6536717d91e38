#!/usr/bin/env bash
# Installs pinned Go tools into .tools/bin (gitignored). With no arguments: the
# ones the tests drive as real clients, grpcurl (reflection) and
# grpc_health_probe (health). With names, only those, e.g. `ghz` (the gRPC load
# generator `npm run bench` runs; the bench installs it itself when missing).
# Idempotent: a tool already there at the pinned version is kept. Needs Go ≥ 1.22;
# the first build takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="$PWD/.tools/bin"
mkdir -p "$bin"

# name, module path with version, the version the binary reports, installed by default (yes/no)
tools=(
  "grpcurl github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.4 v1.9.4 yes"
  "grpc-health-probe github.com/grpc-ecosystem/grpc-health-probe@v0.4.62 v0.4.62 yes"
  "ghz github.com/bojand/ghz/cmd/ghz@v0.93.0 v0.93.0 no"
)

wanted=("$@")
for name in "${wanted[@]}"; do
  if ! printf '%s\n' "${tools[@]}" | awk '{ print $1 }' | grep -qx -- "$name"; then
    echo "install-go-tools: unknown tool \"$name\" (known: $(printf '%s\n' "${tools[@]}" | awk '{ print $1 }' | tr '\n' ' '))" >&2
    exit 2
  fi
done

if ! command -v go >/dev/null 2>&1; then
  echo "install-go-tools: Go is not installed; it is needed to build ${*:-grpcurl and grpc_health_probe (for their tests)}" >&2
  exit 1
fi

installed_health_probe=no
for tool in "${tools[@]}"; do
  read -r name module version default <<<"$tool"
  if [[ ${#wanted[@]} -eq 0 ]]; then
    [[ "$default" == yes ]] || continue
  elif ! printf '%s\n' "${wanted[@]}" | grep -qx -- "$name"; then
    continue
  fi
  [[ "$name" == grpc-health-probe ]] && installed_health_probe=yes
  binary="$bin/$name"
  # The module version recorded in the binary by the Go toolchain.
  if [[ -x "$binary" ]] && go version -m "$binary" 2>/dev/null | awk '$1 == "mod" { print $3 }' | grep -qx "$version"; then
    echo "install-go-tools: $name $version already in .tools/bin"
    continue
  fi
  echo "install-go-tools: installing $name $version (this may take a few minutes)"
  start=$SECONDS
  GOBIN="$bin" go install "$module"
  echo "install-go-tools: $name $version installed in $((SECONDS - start)) s"
done

# The name the health probe's documentation uses.
if [[ "$installed_health_probe" == yes ]]; then
  ln -sf grpc-health-probe "$bin/grpc_health_probe"
fi
