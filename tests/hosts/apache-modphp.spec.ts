/**
 * Apache 2.4 (mpm_prefork) + mod_php with the .htaccess WordPress writes itself: the most common
 * shared host.
 */
import { hostSuite } from './support/subset';

hostSuite( 'Apache 2.4 + mod_php, WordPress’s .htaccess', 'modphp', {
	args: [ '--host', 'apache-modphp' ],
} );
