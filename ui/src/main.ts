import { createPinia } from 'pinia'
import { createApp } from 'vue'

import App from './App.vue'
import { installSessionGuard } from './features/auth/guard'
import { createStompClient, stompClientFactoryKey } from './lib/stomp'
import { router } from './router'
import './style.css'

installSessionGuard(router)

createApp(App)
  .use(createPinia())
  .use(router)
  .provide(stompClientFactoryKey, createStompClient)
  .mount('#app')
