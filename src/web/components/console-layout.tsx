import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BulbOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  KeyOutlined,
  LogoutOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../api/session.tsx';
import { STAFF_ROLE_LABELS } from '../labels.ts';

const { Header, Sider, Content } = Layout;

export function ConsoleLayout() {
  const { session, logOut, can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: '工作台' },
    can('case.read') && { key: '/requests', icon: <FileProtectOutlined />, label: '依申请公开' },
    can('case.read') && { key: '/request-dashboard', icon: <AlertOutlined />, label: '办理看板' },
    can('case.read') && { key: '/proactive-proposals', icon: <BulbOutlined />, label: '建议主动公开' },
    can('report.read') && {
      key: '/request-report-feed',
      icon: <BarChartOutlined />,
      label: '年报数据（申请）',
    },
    can('catalogue.read') && { key: '/catalogue', icon: <FolderOpenOutlined />, label: '公开目录' },
    can('catalogue.read') && { key: '/timeliness', icon: <ClockCircleOutlined />, label: '公开时效' },
    can('catalogue.read') && { key: '/decisions', icon: <DatabaseOutlined />, label: '行政决定（双公示）' },
    can('catalogue.read') && {
      key: '/report-section2',
      icon: <CarryOutOutlined />,
      label: '年报数据（主动公开）',
    },
    can('agency.read') && { key: '/agencies', icon: <BankOutlined />, label: '机关管理' },
    can('staff.read') && { key: '/staff', icon: <TeamOutlined />, label: '账号管理' },
    can('calendar.read') && { key: '/calendar', icon: <CalendarOutlined />, label: '工作日历' },
    can('report.read') && { key: '/annual-reports', icon: <FileTextOutlined />, label: '年度报告' },
    can('report.compile') && {
      key: '/annual-report-compilation',
      icon: <ApartmentOutlined />,
      label: '年报汇总',
    },
    (can('report.review') || can('report.compile')) && {
      key: '/report-audit',
      icon: <FileSearchOutlined />,
      label: '年报核查',
    },
    can('audit.read') && { key: '/audit-log', icon: <AuditOutlined />, label: '操作日志' },
    { key: '/account/password', icon: <KeyOutlined />, label: '修改密码' },
  ].filter((item): item is Exclude<typeof item, false> => Boolean(item));
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={208}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div style={{ padding: '18px 20px', fontWeight: 700, fontSize: 16, color: '#a3161b' }}>
          政府信息公开工作平台
        </div>
        <Menu mode="inline" selectedKeys={selected} items={items} onClick={({ key }) => navigate(key)} />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            paddingInline: 24,
          }}
        >
          <Space size="middle">
            <Typography.Text data-testid="current-user">{session?.displayName}</Typography.Text>
            {session?.roles.map((role) => (
              <Tag key={role} color="red">
                {STAFF_ROLE_LABELS[role]}
              </Tag>
            ))}
            <Button icon={<LogoutOutlined />} onClick={() => logOut().then(() => navigate('/login'))}>
              退出
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
