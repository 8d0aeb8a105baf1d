/**
 * One bundle per screen. `@wordpress/*` imports stay external (they come from WordPress itself);
 * the dependency-extraction plugin writes each bundle's `*.asset.php` for `wp_enqueue_script`.
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

module.exports = {
	...defaultConfig,
	entry: {
		'admin-clients': path.resolve(
			__dirname,
			'src/admin/clients/index.tsx'
		),
		'admin-edit': path.resolve( __dirname, 'src/admin/edit/index.tsx' ),
		'admin-settings': path.resolve(
			__dirname,
			'src/admin/settings/index.tsx'
		),
		consent: path.resolve( __dirname, 'src/consent/index.tsx' ),
		device: path.resolve( __dirname, 'src/device/index.tsx' ),
		profile: path.resolve( __dirname, 'src/profile/index.tsx' ),
		'admin-claims': path.resolve( __dirname, 'src/admin/claims/index.tsx' ),
		'admin-test-sign-in': path.resolve(
			__dirname,
			'src/admin/test-sign-in/index.tsx'
		),
		'admin-network': path.resolve( __dirname, 'src/admin/network/index.tsx' ),
		'admin-activity': path.resolve(
			__dirname,
			'src/admin/activity/index.tsx'
		),
	},
	output: {
		...defaultConfig.output,
		path: path.resolve( __dirname, 'build' ),
	},
};
