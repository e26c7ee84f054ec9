/** The single row of a table that has nothing to show. */
export function EmptyRow({ columns, text }: { columns: number; text: string }) {
  return (
    <tr className="empty-row">
      <td colSpan={columns}>{text}</td>
    </tr>
  );
}
