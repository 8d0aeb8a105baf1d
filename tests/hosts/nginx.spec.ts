/**
 * nginx + php-fpm, WordPress's usual `try_files`, as the benchmark's site runs.
 */
import { hostSuite } from './support/subset';

hostSuite( 'nginx + php-fpm', 'nginx', { args: [ '--host', 'nginx' ] } );
