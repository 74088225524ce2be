using Norma.Modules.Customers.Contracts;

namespace Norma.Modules.Customers;

/// <summary>Customers (客户): the people and organizations cases are for. Found by phone or name at intake.</summary>
internal static class CustomersModule
{
    public static IServiceCollection AddCustomers(this IServiceCollection services) => services
        .AddScoped<ICustomers, CustomerDirectory>();
}
