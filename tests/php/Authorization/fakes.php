<?php
declare(strict_types=1);

/*
 * The pipeline's collaborators in memory. Test helpers live outside `includes/`, where the
 * plugin's autoloader does not look, so the tests that use them load them here.
 */
foreach ( glob( __DIR__ . '/Fakes/*.php' ) as $fake ) {
	require_once $fake;
}
