import { adminConfig } from '../../config';
import { mountAdminScreen } from '../../components/mount';
import { SettingsScreen } from './components/SettingsScreen';

mountAdminScreen( <SettingsScreen config={ adminConfig() } /> );
