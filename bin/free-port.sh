#!/usr/bin/env bash
# Prints a TCP port on loopback that nothing listens on.
exec node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port)+"\n");s.close();});"
