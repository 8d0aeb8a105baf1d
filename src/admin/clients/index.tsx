import { adminConfig } from '../../config';
import { mountAdminScreen } from '../../components/mount';
import { ClientsScreen } from './components/ClientsScreen';

mountAdminScreen( <ClientsScreen config={ adminConfig() } /> );
