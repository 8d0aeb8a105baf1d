/**
 * Plain permalinks on nginx: no rewrite rules are stored, but `try_files` hands every unknown path
 * to WordPress, and the router matches the path itself. The suite's REST calls use ?rest_route=.
 */
import { hostSuite } from './support/subset';

hostSuite( 'nginx + php-fpm with plain permalinks', 'plain', {
	args: [ '--host', 'nginx', '--permalinks', 'plain' ],
} );
