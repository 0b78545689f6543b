// The signed-in person's to-do (GET /me/todo, issue 14), shared by the menu's badges and the 待办 page:
// one request, refreshed in the background while open and whenever the user moves to another page,
// so a badge drops soon after the work is done.
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAutoRefresh } from '../api/useAutoRefresh';
import type { PageKey } from '../logic/roleMenu';
import type { TodoItem } from '../../../domain/todo/todoItems';

export type { TodoItem };

export interface TodoData {
  now: string;
  items: TodoItem[];
  counts: Partial<Record<PageKey, number>>;
  total: number;
}

interface Todo {
  data: TodoData | undefined;
  error: unknown;
  loading: boolean;
  refresh(): void;
}

const TodoContext = createContext<Todo | null>(null);

export function TodoProvider({ children }: { children: ReactNode }) {
  const todo = useApi<TodoData>('/me/todo');
  const { refresh } = todo;
  useAutoRefresh(refresh);
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    refresh();
  }, [location.pathname, refresh]);
  const value = useMemo(
    () => ({ data: todo.data, error: todo.error, loading: todo.loading, refresh }),
    [todo.data, todo.error, todo.loading, refresh],
  );
  return <TodoContext.Provider value={value}>{children}</TodoContext.Provider>;
}

export function useTodo(): Todo {
  const value = useContext(TodoContext);
  if (!value) throw new Error('useTodo outside TodoProvider');
  return value;
}
