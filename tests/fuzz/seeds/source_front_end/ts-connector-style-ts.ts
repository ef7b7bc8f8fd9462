import { BadRequestError } from '@integration-app/sdk'

export default async function test({ apiClient, credentials }: { apiClient: any; credentials: any }) {
  const response = await apiClient.get(`/companyinfo/${credentials.realmId}`)
  if (!response?.CompanyInfo) {
    throw new BadRequestError('No company info in the response')
  }
  return true
}