import { mountAdminScreen } from '../../components/mount';
import { NetworkScreen } from './components/NetworkScreen';

mountAdminScreen( <NetworkScreen /> );
