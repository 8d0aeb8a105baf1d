import { SiteIdentity } from '../../consent/components/SiteIdentity';
import type { DeviceConfig } from '../types';
import { ConfirmDevice } from './ConfirmDevice';
import { EnterCode } from './EnterCode';
import { Outcome } from './Outcome';

/**
 * The verification page's one renderer; each step posts a real form, as the form without script
 * it replaces (`Device\Verification_Page`, same words) does.
 */
export function DevicePage( { config }: { config: DeviceConfig } ) {
	let step;
	if ( config.step === 'enter' ) {
		step = <EnterCode config={ config } />;
	} else if ( config.step === 'confirm' ) {
		step = <ConfirmDevice config={ config } />;
	} else {
		step = <Outcome config={ config } />;
	}
	return (
		<main
			className="keystone-oidc-consent keystone-oidc-device"
			aria-labelledby="keystone-oidc-device-title"
		>
			<SiteIdentity site={ config.site } />
			{ step }
		</main>
	);
}
