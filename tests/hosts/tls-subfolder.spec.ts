/**
 * HTTPS terminated by a reverse proxy (nginx, a certificate from the run's test CA,
 * X-Forwarded-Proto) in front of nginx + php-fpm serving WordPress in a subfolder with its core in
 * a folder of its own: home https://127.0.0.1:PORT/blog, siteurl …/blog/wp. The issuer and every
 * URL are https and below /blog; nothing names http.
 */
import { hostSuite } from './support/subset';

hostSuite(
	'HTTPS proxy in front, WordPress in /blog with its own directory',
	'tls',
	{ args: [ '--host', 'nginx', '--tls', '--subdir' ] }
);
