import { mountPage } from '@/components/common/mount-page';
import OptionsApp from './OptionsApp.vue';

mountPage(OptionsApp);
