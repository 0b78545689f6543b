import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionProvider';
import { ErrorNotice } from '../components/ErrorNotice';
import { homePath } from '../logic/roleMenu';

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const onFinish = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const user = await signIn(values.username, values.password);
      void navigate(homePath(user.role), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f5f5f5',
        padding: 16,
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 0 }}>
          {t('app.federation')}
        </Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'center' }}>{t('app.title')}</Typography.Paragraph>
        <main>
          <h1 style={{ fontSize: 18 }}>{t('login.title')}</h1>
          <Form layout="vertical" onFinish={(values) => void onFinish(values)} requiredMark={false}>
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {error ? (
              <div style={{ marginBottom: 16 }}>
                <ErrorNotice error={error} />
              </div>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <Button
            type="link"
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
            style={{ marginTop: 8 }}
          >
            {t('app.language')}
          </Button>
        </main>
      </Card>
    </div>
  );
}
