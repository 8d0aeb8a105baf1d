<?php
declare(strict_types=1);

/*
 * The PHP unit tests cover only the pure classes (Crypto, Checks), which need no WordPress, so
 * nothing of WordPress is loaded or imitated here. Anything that calls WordPress is tested end to
 * end against a real site instead.
 */
require dirname( __DIR__, 2 ) . '/includes/Autoloader.php';

Keystone_OIDC\Autoloader::register( dirname( __DIR__, 2 ) . '/includes' );
