# Sourced by bench/scale.sh and bench/pins-vs-nginx.sh: `serve_pins_with_nginx DIR PORT` serves
# DIR/pins.br (brotli pins fetched from /api/pins) as http://127.0.0.1:PORT/pins with nginx, the
# same bytes and headers, for the `/api/pins` ÷ nginx ratio. nginx's pid is DIR/nginx.pid.
serve_pins_with_nginx() {
  local dir=$1 port=$2
  mkdir -p "$dir/www" && cp "$dir/pins.br" "$dir/www/pins"
  # nginx's workers drop root's rights: let them read the (mktemp, private) folder.
  chmod o+rx "$dir" "$dir/www" && chmod o+r "$dir/www/pins"
  cat >"$dir/nginx.conf" <<CONF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  server {
    listen 127.0.0.1:$port;
    location = /pins {
      root $dir/www;
      default_type application/vnd.carte28.pins;
      add_header Content-Encoding br;
      etag on;
    }
  }
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir"
  sleep 0.5
  [ "$(curl -fs "http://127.0.0.1:$port/pins" | cmp - "$dir/pins.br" && echo same)" = same ] \
    || { echo "nginx does not serve the same bytes" >&2; return 1; }
}
