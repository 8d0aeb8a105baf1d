import type { IssuerMode } from '../../api/types';

export function isIssuerMode( value: unknown ): value is IssuerMode {
	return value === 'home' || value === 'legacy';
}
