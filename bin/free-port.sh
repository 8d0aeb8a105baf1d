#!/usr/bin/env bash
# Prints a TCP port on loopback that nothing listens on. The port is written as text: console.log
# of a number is colored when FORCE_COLOR is set (as in Playwright's workers).
exec node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(String(s.address().port));s.close();});"
