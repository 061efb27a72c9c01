#!/usr/bin/env bash
# Publishes the Outcomes Functions app root: what the Functions host runs in Azure, and what `azd deploy` uploads.
#
#   scripts/publish.sh [folder]      (default: publish/app)
#
# The folder holds host.json, one folder per function with its function.json, and the custom handler published
# self-contained for linux-x64 and ReadyToRun beside them, at the path host.json's
# customHandler.description.defaultExecutablePath names (relative to the app root, as the host resolves it). It
# runs with no .NET installed. Intermediate files go to <folder>.build, apart from the projects' own bin/ and obj/,
# so a publish can run beside a build or a test run of the same tree.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/publish/app}")"
work="$out.build"

rm -rf "$out"
dotnet publish "$root/src/Outcomes.Functions/Outcomes.Functions.csproj" \
  --configuration Release --runtime linux-x64 --self-contained true \
  -p:PublishReadyToRun=true \
  --artifacts-path "$work" --output "$out" --nologo

# The host starts the file host.json names; say so here rather than at the first cold start in Azure.
executable="$(sed -n 's/.*"defaultExecutablePath": *"\([^"]*\)".*/\1/p' "$out/host.json")"
if [[ ! -x "$out/$executable" ]]; then
  echo "publish: $out/$executable (host.json defaultExecutablePath) is missing or not executable" >&2
  exit 1
fi
echo "Published the Functions app root to $out"
