#!/bin/sh
# The official image's entrypoint, the part docker-compose.yml uses: options alone are given to
# redis-server, and protected mode is off unless the command sets it.
set -e
case "$1" in
  -*) set -- redis-server "$@" ;;
esac
if [ "$1" = redis-server ]; then
  case " $* " in
    *" --protected-mode "*) ;;
    *) shift; set -- redis-server --protected-mode no "$@" ;;
  esac
fi
exec "$@"
