<?php
// Writes wp-config.php for a local site: the database on a private socket, debug log to a file,
// outbound HTTP blocked, no auto-updates. Salts are made once per site and kept. SITEURL (where
// WordPress's own files are) defaults to the home URL; EXTRA names a file of PHP lines a host adds
// above the line that loads WordPress (proxy headers, object cache settings).
//
//   php write-wp-config.php TARGET DB_SOCKET DEBUG_LOG HOME_URL [SITEURL] [EXTRA]

declare(strict_types=1);

list( , $target, $socket, $debug_log, $url ) = $argv;

$siteurl = $argv[5] ?? $url;
$extra   = isset( $argv[6] ) && '' !== $argv[6] ? trim( (string) file_get_contents( $argv[6] ) ) : '';
$salts   = array();
if ( is_file( $target ) ) {
	preg_match_all( "/define\\( '([A-Z_]+(?:KEY|SALT))', '([^']+)' \\);/", file_get_contents( $target ), $found, PREG_SET_ORDER );
	foreach ( $found as $match ) {
		$salts[ $match[1] ] = $match[2];
	}
}
$lines     = array( '<?php' );
$constants = array(
	'DB_NAME'                => 'wordpress',
	'DB_USER'                => 'root',
	'DB_PASSWORD'            => '',
	'DB_HOST'                => 'localhost:' . $socket,
	'DB_CHARSET'             => 'utf8mb4',
	'DB_COLLATE'             => '',
	'WP_HOME'                => $url,
	'WP_SITEURL'             => $siteurl,
	'WP_DEBUG'               => true,
	'WP_DEBUG_LOG'           => $debug_log,
	'WP_DEBUG_DISPLAY'       => false,
	'SCRIPT_DEBUG'           => false,
	'WP_ENVIRONMENT_TYPE'    => 'local',
	'WP_HTTP_BLOCK_EXTERNAL' => true,
	'AUTOMATIC_UPDATER_DISABLED' => true,
	'WP_AUTO_UPDATE_CORE'    => false,
	'DISABLE_WP_CRON'        => false,
	'FS_METHOD'              => 'direct',
);
foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as $salt ) {
	$constants[ $salt ] = $salts[ $salt ] ?? bin2hex( random_bytes( 32 ) );
}
foreach ( $constants as $name => $value ) {
	$lines[] = sprintf( 'define( %s, %s );', var_export( $name, true ), var_export( $value, true ) );
}
$lines[] = '$table_prefix = \'wp_\';';
if ( '' !== $extra ) {
	$lines[] = preg_replace( '/^<\?php\s*/', '', $extra );
}
$lines[] = "if ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }";
$lines[] = "require_once ABSPATH . 'wp-settings.php';";
file_put_contents( $target, implode( "\n", $lines ) . "\n" );
