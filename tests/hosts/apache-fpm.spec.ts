/**
 * Apache 2.4 (mpm_event) + php-fpm through mod_proxy_fcgi, with WordPress's .htaccess: FastCGI
 * gets no Authorization header unless the rewrite rule copies it (REDIRECT_HTTP_AUTHORIZATION).
 */
import { hostSuite } from './support/subset';

hostSuite( 'Apache 2.4 + php-fpm (proxy_fcgi), WordPress’s .htaccess', 'fpm', {
	args: [ '--host', 'apache-fpm' ],
} );
