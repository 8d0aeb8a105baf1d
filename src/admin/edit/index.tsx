import { adminConfig } from '../../config';
import { mountAdminScreen } from '../../components/mount';
import { EditClientScreen } from './components/EditClientScreen';
import { readEditMode } from './form';

mountAdminScreen(
	<EditClientScreen
		mode={ readEditMode( window.location.search ) }
		config={ adminConfig() }
	/>
);
