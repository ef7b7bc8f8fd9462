// Linear's API is GraphQL only: ask for the current user's id.
export default async function test({ apiClient }) {
  const body = await apiClient.post('/graphql', { query: '{ viewer { id } }' });
  if (body?.errors?.length) {
    throw new Error('Linear GraphQL error: ' + body.errors[0].message);
  }
  return Boolean(body?.data?.viewer?.id);
}
