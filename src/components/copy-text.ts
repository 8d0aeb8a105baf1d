/**
 * Copies text to the clipboard. The Clipboard API exists only in secure contexts, and many
 * WordPress admins run over plain http, so a selected hidden textarea is the fallback.
 */
export async function copyText( text: string ): Promise< boolean > {
	if ( window.isSecureContext && navigator.clipboard ) {
		try {
			await navigator.clipboard.writeText( text );
			return true;
		} catch {
			// Permission denied or the document lost focus: the fallback below still works.
		}
	}
	const area = document.createElement( 'textarea' );
	area.value = text;
	area.setAttribute( 'readonly', '' );
	area.style.position = 'fixed';
	area.style.opacity = '0';
	document.body.appendChild( area );
	area.select();
	let copied = false;
	try {
		copied = document.execCommand( 'copy' );
	} finally {
		document.body.removeChild( area );
	}
	return copied;
}
