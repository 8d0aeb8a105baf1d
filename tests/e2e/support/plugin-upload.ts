/**
 * Plugins → Add New → Upload Plugin in wp-admin, as a site owner installs or updates a plugin from
 * its zip (the release and the 2.x upgrade specs).
 */
import { expect, type Page } from '@playwright/test';

/** On plugin-install.php: opens the upload form, sends the zip and waits for WordPress's answer. */
export async function submitPluginZip(
	page: Page,
	zipPath: string
): Promise< void > {
	await page.locator( '.upload-view-toggle' ).click();
	await page.locator( '#pluginzip' ).setInputFiles( zipPath );
	await Promise.all( [
		page.waitForURL( /update\.php\?action=upload-plugin/ ),
		page.locator( '#install-plugin-submit' ).click(),
	] );
}

/**
 * Answers "This plugin is already installed" with "Replace current with uploaded", after checking
 * the comparison table names the uploaded `version`.
 */
export async function replaceWithUploaded(
	page: Page,
	version: string
): Promise< void > {
	const content = page.locator( '#wpbody-content' );
	await expect( content ).toContainText(
		'This plugin is already installed.'
	);
	await expect(
		content.locator( 'table.update-from-upload-comparison' )
	).toContainText( version );
	await page
		.getByRole( 'link', { name: 'Replace current with uploaded' } )
		.click();
	await expect( content ).toContainText( 'Plugin updated successfully.' );
}
