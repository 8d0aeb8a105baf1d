module.exports = {
	root: true,
	extends: [ 'plugin:@wordpress/eslint-plugin/recommended' ],
	settings: {
		'import/resolver': {
			node: { extensions: [ '.js', '.jsx', '.ts', '.tsx' ] },
			typescript: {},
		},
	},
	rules: {
		'import/no-unresolved': 'off',
		'import/no-extraneous-dependencies': 'off',
		'jsdoc/require-param': 'off',
		'jsdoc/require-param-type': 'off',
		'jsdoc/require-returns-type': 'off',
		'no-console': 'off',
	},
	overrides: [
		{
			files: [ 'tests/**/*.ts', 'scripts/**/*.ts' ],
			rules: {
				'jest/no-done-callback': 'off',
				'jest/valid-title': 'off',
				'jest/expect-expect': 'off',
				'jest/no-standalone-expect': 'off',
				'jest/no-conditional-expect': 'off',
				'@wordpress/i18n-text-domain': 'off',
			},
		},
	],
};
