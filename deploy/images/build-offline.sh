#!/usr/bin/env bash
# Builds the services' container images with Jib where no registry and no Docker daemon are reachable (the project's
# build machines), to exercise the -Pimages build: the same Quarkus/Jib image assembly (layers, entrypoint, user 185,
# ports, labels), from a stand-in base image this script writes as a tar (one layer with a marker file, no OS, no
# JDK), handed to deploy/images/docker-load-to-file, which writes each image to target/images/<service>.tar.
# The result is NOT runnable (its base has no Java): a real image needs a real base, docs/operations.md "Build images".
#   deploy/images/build-offline.sh [service ...]     (default: all five)
set -euo pipefail
cd "$(dirname "$0")/../.."
services=("$@")
[[ ${#services[@]} -gt 0 ]] || services=(channel-ingress tenant-service agent-worker tool-executor audit-service)
work=target/images
mkdir -p "$work/stand-in-base/root/etc"
echo "AleffAI offline stand-in base image: no OS, no JDK; for exercising the image build only" \
  > "$work/stand-in-base/root/etc/aleff-stand-in-base"
(
  cd "$work/stand-in-base"
  tar --owner=0 --group=0 --mtime=2026-01-01 -C root -cf layer.tar etc
  diff_id=$(sha256sum layer.tar | cut -d' ' -f1)
  printf '{"architecture":"amd64","os":"linux","config":{"User":"185"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$diff_id" > config.json
  echo '[{"Config":"config.json","RepoTags":["aleff/stand-in-base:offline"],"Layers":["layer.tar"]}]' > manifest.json
  tar -cf ../stand-in-base.tar manifest.json config.json layer.tar
)
export JAVA_HOME="${ALEFF_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
for s in "${services[@]}"; do
  echo "images: $s"
  ALEFF_IMAGE_OUT="$PWD/$work/$s.tar" ./mvnw -B -q package -Pimages -pl "$s" -am -DskipTests -DskipITs \
    -Daleff.image.base="tar://$PWD/$work/stand-in-base.tar" \
    -Dquarkus.jib.docker-executable-name="$PWD/deploy/images/docker-load-to-file"
  echo "images: $s -> $work/$s.tar ($(du -h "$work/$s.tar" | cut -f1))"
done
