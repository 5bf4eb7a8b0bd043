#!/bin/sh
# install.sh: makes this Debian or Ubuntu host an edge site's NATS leaf with a one-time join token.
# Served by the ServiceRadar Edge control plane below. Usage (see --help):
#   curl -fsSL <control plane>/install.sh | sudo sh -s -- --token-file FILE
# Everything runs inside main, called on the last line: a download cut short runs nothing.
set -eu

# The control plane that served this script, quoted: data, never code.
CONTROL_PLANE='https://edge.example.com'
# Written by serviceradar-edge enroll; their presence means an earlier run got that far.
AGENT_FILE=/etc/serviceradar-edge/agent.json
KEPT_BUNDLE=/etc/serviceradar-edge/enrolled-bundle.tar.gz

usage() {
  printf '%s\n' \
    "Usage: curl -fsSL $CONTROL_PLANE/install.sh | sudo sh -s -- --token-file FILE [OPTIONS]" \
    "       curl -fsSL $CONTROL_PLANE/install.sh | sudo sh -s -- --token srj_... [OPTIONS]" \
    "" \
    "Installs nats-server and the serviceradar-edge agent from this control plane, enrolls this" \
    "host with the join token (its keys are made here and never leave it), installs and starts the" \
    "site's leaf, and waits until the control plane reports the leaf connected." \
    "Run it again after a failure: it skips what is done (a spent token is not needed again)." \
    "" \
    "  --token-file FILE  read the join token from FILE (preferred on shared hosts)" \
    "  --token TOKEN      the join token; other users can see it in ps while this script runs" \
    "  --api URL          the control plane (default $CONTROL_PLANE)" \
    "  --keep-distro-service" \
    "                     do not stop the distribution's nats-server.service when it holds the" \
    "                     leaf's port (the installation then stops and says so)" \
    "  --wait SECONDS     how long to wait for the connection (default 120)" \
    "  -h, --help         show this help" \
    "" \
    "Exit codes: 0 connected, 1 a step failed, 2 wrong usage or not a Debian/Ubuntu host as root."
}

step() { printf '\n==> %s\n' "$*"; }
say() { printf '%s\n' "$*"; }
fail() {
  printf 'install.sh: %s\n' "$@" >&2
  exit 1
}
refuse() {
  printf 'install.sh: %s\n' "$@" >&2
  exit 2
}
usage_error() {
  printf 'install.sh: %s\n\n' "$*" >&2
  usage >&2
  exit 2
}

api=$CONTROL_PLANE
token=
token_file=
replace_distro_service=--replace-distro-service
wait_seconds=120
work_dir=

parse_arguments() {
  while [ $# -gt 0 ]; do
    case $1 in
      --token)
        [ $# -ge 2 ] || usage_error "--token needs the join token"
        token=$2
        shift
        ;;
      --token=*) token=${1#--token=} ;;
      --token-file)
        [ $# -ge 2 ] || usage_error "--token-file needs a file"
        token_file=$2
        shift
        ;;
      --token-file=*) token_file=${1#--token-file=} ;;
      --api)
        [ $# -ge 2 ] || usage_error "--api needs the control plane's URL"
        api=$2
        shift
        ;;
      --api=*) api=${1#--api=} ;;
      --keep-distro-service) replace_distro_service= ;;
      --wait)
        [ $# -ge 2 ] || usage_error "--wait needs a number of seconds"
        wait_seconds=$2
        shift
        ;;
      --wait=*) wait_seconds=${1#--wait=} ;;
      -h | --help)
        usage
        exit 0
        ;;
      *) usage_error "unknown option: $1" ;;
    esac
    shift
  done
  case $api in
    http://?* | https://?*) api=${api%/} ;;
    *) usage_error "--api must be the control plane's http:// or https:// URL" ;;
  esac
  case $wait_seconds in
    '' | *[!0-9]*) usage_error "--wait needs a whole number of seconds" ;;
  esac
  if [ -n "$token" ] && [ -n "$token_file" ]; then
    usage_error "give the token with --token or with --token-file, not both"
  fi
}

check_host() {
  step "Checking this host"
  [ "$(id -u)" -eq 0 ] ||
    refuse "run it as root: curl -fsSL $api/install.sh | sudo sh -s -- --token-file FILE"
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    refuse "this script needs Debian or Ubuntu (apt-get and dpkg)." \
      "  Elsewhere, download the site's bundle from the control plane and run its setup.sh."
  fi
  architecture=$(dpkg --print-architecture)
  say "Debian/Ubuntu ($architecture), running as root."
}

# The token, unless this host enrolled in an earlier run and needs none.
read_token() {
  if [ -f "$AGENT_FILE" ]; then
    return 0
  fi
  if [ -n "$token_file" ]; then
    [ -r "$token_file" ] || refuse "cannot read --token-file $token_file"
    # read fails on a last line without a newline, yet sets the token.
    IFS= read -r token <"$token_file" || true
    [ -n "$token" ] || refuse "--token-file $token_file is empty: it must hold the join token"
  fi
  [ -n "$token" ] || usage_error "give the join token with --token-file FILE or --token srj_..."
  case $token in
    srj_*) ;;
    *) refuse "the token must be a join token (srj_...) from the control plane's Add Edge Site page" ;;
  esac
}

install_nats_server() {
  step "nats-server"
  if command -v nats-server >/dev/null 2>&1; then
    say "Already installed: $(command -v nats-server)."
    return 0
  fi
  say "Installing nats-server from the distribution (apt-get) ..."
  apt-get update </dev/null || fail "apt-get update failed (see above)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y nats-server </dev/null ||
    fail "apt-get install nats-server failed (see above)"
}

# download URL FILE: fails with the control plane's own explanation of an HTTP error.
download() {
  if command -v curl >/dev/null 2>&1; then
    status=$(curl -sSL -o "$2" -w '%{http_code}' "$1" </dev/null) ||
      fail "cannot download $1 (curl failed, see above)"
    [ "$status" = 200 ] || fail "the control plane answered HTTP $status for $1:" "  $(problem_detail "$2")"
  elif command -v wget >/dev/null 2>&1; then
    wget -q --content-on-error -O "$2" "$1" </dev/null ||
      fail "cannot download $1 (wget failed):" "  $(problem_detail "$2")"
  else
    refuse "needs curl or wget to download the agent: apt-get install curl"
  fi
}

# The detail of a problem+json answer, else its first line.
problem_detail() {
  detail=$(sed -n 's/.*"detail":"\([^"]*\)".*/\1/p' "$1" 2>/dev/null)
  [ -n "$detail" ] || detail=$(head -n 1 "$1" 2>/dev/null)
  printf '%s' "${detail:-no explanation in the answer}"
}

install_agent() {
  step "The serviceradar-edge agent"
  url=$api/downloads/serviceradar-edge-agent_$architecture.deb
  work_dir=$(mktemp -d)
  # apt-get reads the file as its unprivileged _apt user.
  chmod 0755 "$work_dir"
  package=$work_dir/serviceradar-edge-agent.deb
  say "Downloading $url ..."
  download "$url" "$package"
  [ "$(head -c 7 "$package")" = '!<arch>' ] || fail "$url is not a Debian package"
  chmod 0644 "$package"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$package" </dev/null ||
    fail "apt-get install of the agent package failed (see above)"
}

enroll() {
  step "Enrolling with the control plane and installing the leaf"
  if [ -f "$AGENT_FILE" ]; then
    say "Already enrolled ($AGENT_FILE): no token needed. To enroll again, remove it and use a new token."
    if [ -f "$KEPT_BUNDLE" ]; then
      say "Installing the configuration an earlier run enrolled ($KEPT_BUNDLE) ..."
      serviceradar-edge install $replace_distro_service "$KEPT_BUNDLE" </dev/null ||
        fail "installing $KEPT_BUNDLE failed (see above): fix the cause, then run this script again"
      rm -f "$KEPT_BUNDLE"
    fi
    return 0
  fi
  # The token goes through a pipe from printf, a shell builtin: it never is an argument of a process.
  printf '%s\n' "$token" |
    serviceradar-edge enroll --install $replace_distro_service --api "$api" --token-file - \
      --output "$KEPT_BUNDLE" ||
    fail "enrolling failed (see above). Fix the cause and run this script again:" \
      "  once enrolled, it goes on without the token"
}

await_connected() {
  step "Waiting until the control plane reports the leaf connected"
  serviceradar-edge sync --wait-connected "${wait_seconds}s" </dev/null ||
    fail "the leaf is installed, but the control plane does not report it connected:" \
      "  run serviceradar-edge doctor, then this script again"
}

cleanup() {
  if [ -n "$work_dir" ]; then rm -rf "$work_dir"; fi
}

main() {
  parse_arguments "$@"
  trap cleanup EXIT
  check_host
  read_token
  install_nats_server
  install_agent
  enroll
  await_connected
  step "Done: this host's leaf is connected to $api."
}

main "$@"
