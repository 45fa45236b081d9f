#!/usr/bin/env bash
# A Docker engine of the grader's own, for machines with no registry access (CI, this build's machines):
#
#   scripts/docker-host.sh start    install docker.io and debootstrap if missing (apt-get, as root), start a
#                                   dockerd on its own socket under GRADER_DOCKER_ROOT, build the local images
#                                   once, then print the environment to use (as `env` does)
#   scripts/docker-host.sh env      print DOCKER_HOST, GRADER_DB_IMAGE and GRADER_SANDBOX_IMAGE as export lines
#   scripts/docker-host.sh status   say whether the daemon runs and which local images it holds
#   scripts/docker-host.sh stop     remove the daemon's containers and stop it
#
# The daemon stores images with overlay2 where the data root's file system takes it (a container is created in
# under a second) and falls back to vfs otherwise (every container a full copy of its image: about 5 s for the
# JRE image); GRADER_DOCKER_STORAGE names another driver. `start` says which one it got.
#
# The images are built from Debian packages (debootstrap, the machine's configured Debian mirror) and the
# recipes under scripts/docker/<name>/ (packages; changes, the Dockerfile instructions `docker import --change`
# applies in one step, so that even a storage driver without layers (vfs) copies the image once;
# the postgres entry point); each is tagged with a hash of its
# recipe, so a changed recipe builds a new image and an unchanged one is never built twice. Running any
# command twice is safe. The daemon listens on a Unix socket only; it starts no NAT (--iptables=false) and
# publishes ports on 127.0.0.1.
set -euo pipefail

ROOT="${GRADER_DOCKER_ROOT:-/var/tmp/grader-docker}"
SOCKET="$ROOT/docker.sock"
PIDFILE="$ROOT/dockerd.pid"
LOG="$ROOT/dockerd.log"
RECIPES="$(cd "$(dirname "${BASH_SOURCE[0]}")/docker" && pwd)"
export DOCKER_HOST="unix://$SOCKET"

die() {
  echo "docker-host: error: $*" >&2
  exit 1
}

running() {
  [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && docker version >/dev/null 2>&1
}

# The Debian mirror apt uses on this machine (deb822 or one-line sources).
mirror() {
  local m
  m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ')" || true
  echo "${m:-http://deb.debian.org/debian}"
}

install_missing() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  ((${#missing[@]} == 0)) && return
  [[ "$(id -u)" == 0 ]] || die "${missing[*]} missing and installing them needs root (apt-get)"
  echo "docker-host: installing ${missing[*]} with apt-get" >&2
  local apt_log
  apt_log="$(mktemp)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"; } >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    die "could not install ${missing[*]} with apt-get (see above)"
  fi
  rm -f "$apt_log"
  command -v dockerd >/dev/null && command -v debootstrap >/dev/null ||
    die "apt-get installed ${missing[*]} but dockerd or debootstrap is still missing"
}

start_daemon() {
  running && return
  [[ "$(id -u)" == 0 ]] || die "starting dockerd needs root"
  mkdir -p "$ROOT/data" "$ROOT/exec"
  rm -f "$SOCKET"
  local driver
  for driver in ${GRADER_DOCKER_STORAGE:-overlay2 vfs}; do
    echo "docker-host: starting dockerd on $SOCKET with the $driver storage driver (log: $LOG)" >&2
    setsid dockerd --data-root "$ROOT/data" --exec-root "$ROOT/exec" --pidfile "$PIDFILE" \
      --storage-driver="$driver" --iptables=false --ip6tables=false --ip=127.0.0.1 \
      --host "$DOCKER_HOST" >"$LOG" 2>&1 </dev/null &
    local pid=$!
    for _ in $(seq 1 60); do
      running && return
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    tail -n 5 "$LOG" >&2
    kill "$pid" 2>/dev/null && sleep 2
    echo "docker-host: dockerd did not start with $driver (see above)" >&2
  done
  die "dockerd did not answer on $SOCKET with any of: ${GRADER_DOCKER_STORAGE:-overlay2 vfs} (log: $LOG)"
}

# Unmounts what an interrupted debootstrap left mounted under $1 (its /proc, say), deepest first.
unmount_under() {
  local m
  awk -v root="$1/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}

# A hash of one recipe folder plus the mirror: the image tag.
recipe_hash() {
  (cd "$RECIPES/$1" && find . -type f | LC_ALL=C sort | xargs sha256sum && mirror) | sha256sum | cut -c1-12
}

image_name() {
  echo "grader-local/$1:$(recipe_hash "$1")"
}

build_image() {
  local name="$1" image rootfs packages
  image="$(image_name "$name")"
  docker image inspect "$image" >/dev/null 2>&1 && return
  rootfs="$ROOT/rootfs-$name"
  packages="$(grep -vE '^\s*(#|$)' "$RECIPES/$name/packages" | paste -sd, -)"
  echo "docker-host: building $image from Debian packages ($packages; about a minute)" >&2
  # A root file system debootstrap finished for this recipe (an earlier run stopped before the import) is kept.
  if [[ ! -f "$rootfs.$(recipe_hash "$name").done" ]]; then
    unmount_under "$rootfs"
    rm -rf "$rootfs"
    if ! debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$(mirror)" >"$ROOT/debootstrap-$name.log" 2>&1; then
      tail -n 20 "$ROOT/debootstrap-$name.log" >&2
      die "debootstrap could not build the $name root file system from $(mirror) (log: $ROOT/debootstrap-$name.log)"
    fi
    touch "$rootfs.$(recipe_hash "$name").done"
  fi
  if [[ "$name" == postgres ]]; then
    # The entry point, and the folders it writes as the postgres user; the package's default cluster is not used.
    install -m 0755 "$RECIPES/postgres/docker-entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh"
    chroot "$rootfs" sh -c 'mkdir -p /var/lib/postgresql/data /var/run/postgresql &&
      chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql && rm -rf /var/lib/postgresql/15'
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  local changes=()
  while IFS= read -r line; do
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] || changes+=(--change "$line")
  done <"$RECIPES/$name/changes"
  tar -C "$rootfs" -c . | docker import "${changes[@]}" - "$image" >/dev/null || die "docker import of $image failed"
  rm -rf "$rootfs" "$rootfs".*.done
}

print_env() {
  echo "export DOCKER_HOST=$DOCKER_HOST"
  echo "export GRADER_DB_IMAGE=$(image_name postgres)"
  echo "export GRADER_SANDBOX_IMAGE=$(image_name jre)"
}

case "${1:-}" in
  start)
    install_missing
    start_daemon
    # The two images are built at once: each debootstrap waits mostly for the mirror and for dpkg.
    build_image postgres &
    postgres_build=$!
    build_image jre || die "the jre image could not be built (see above)"
    wait "$postgres_build" || die "the postgres image could not be built (see above)"
    print_env
    ;;
  env)
    print_env
    ;;
  status)
    if running; then
      echo "dockerd runs (pid $(cat "$PIDFILE")) on $DOCKER_HOST, storage driver $(docker info -f '{{.Driver}}')"
      docker image ls --filter reference='grader-local/*' --format '{{.Repository}}:{{.Tag}}'
      echo "containers: $(docker ps -aq | wc -l)"
    else
      echo "dockerd is not running ($DOCKER_HOST)"
      exit 3
    fi
    ;;
  stop)
    if running; then
      ids="$(docker ps -aq)"
      [[ -z "$ids" ]] || docker rm -f $ids >/dev/null
      pid="$(cat "$PIDFILE")"
      kill "$pid"
      for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      kill -0 "$pid" 2>/dev/null && die "dockerd (pid $pid) did not stop within 20 s"
      echo "docker-host: stopped dockerd" >&2
    fi
    ;;
  *)
    echo "usage: $0 start|stop|env|status" >&2
    exit 2
    ;;
esac
