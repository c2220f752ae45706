#!/usr/bin/env bash
# Regenerates the test-only TLS material: a self-signed CA, a server certificate for localhost and a
# client certificate, both signed by the CA. Valid for 100 years; never used outside tests.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $days -subj "/CN=otel-spring test CA"
for who in server client; do
  openssl req -newkey rsa:2048 -nodes -keyout $who.key.pkcs1 -out $who.csr -subj "/CN=localhost"
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > $who.ext
  openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $who.pem -days $days -extfile $who.ext
  openssl pkcs8 -topk8 -nocrypt -in $who.key.pkcs1 -out $who.key
  rm -f $who.csr $who.ext $who.key.pkcs1
done
openssl pkcs12 -export -in server.pem -inkey server.key -out server.p12 -passout pass:changeit -name server
rm -f ca.key ca.srl
