import { adminConfig } from '../../config';
import { mountAdminScreen } from '../../components/mount';
import { TestSignInScreen } from './components/TestSignInScreen';
import { readResult } from './result';
import './test-sign-in.scss';

declare global {
	interface Window {
		keystoneOidcTestSignIn?: unknown;
	}
}

mountAdminScreen(
	<TestSignInScreen
		config={ adminConfig() }
		result={ readResult( window.keystoneOidcTestSignIn ) }
	/>
);
