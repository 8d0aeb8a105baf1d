<?php
/**
 * Prints the rules the admin screens receive (`Rules\Shared_Rules::for_screens()`) as JSON, so
 * the TypeScript test of `tests/shared/rule-cases.json` evaluates exactly what PHP emits.
 */
declare(strict_types=1);

require dirname( __DIR__, 2 ) . '/includes/Autoloader.php';
Keystone_OIDC\Autoloader::register( dirname( __DIR__, 2 ) . '/includes' );

echo json_encode( Keystone_OIDC\Rules\Shared_Rules::for_screens(), JSON_THROW_ON_ERROR );
