import { mountPage } from '@/components/common/mount-page';
import PopupApp from '@/components/popup/PopupApp.vue';

mountPage(PopupApp);
