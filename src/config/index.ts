import { readAdminConfig, type AdminConfig } from './admin-config';

export * from './admin-config';
export * from './rules';
export * from './network';

declare global {
	interface Window {
		keystoneOidc?: unknown;
	}
}

let cached: AdminConfig | null = null;

export function adminConfig(): AdminConfig {
	if ( cached === null ) {
		cached = readAdminConfig( window.keystoneOidc );
	}
	return cached;
}
